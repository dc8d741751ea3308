// Added to pages by `broadsheet-build serve`, never to a built site: waits for the next build
// (a long poll) and reloads the page when there is one.
(() => {
  const script = document.currentScript;
  const seen = Number(script?.dataset.generation ?? 0);
  const wait = () =>
    fetch(`/_broadsheet/wait?since=${seen}`, { cache: "no-store" })
      .then((response) => response.text())
      .then((text) => (Number(text) > seen ? location.reload() : wait()))
      .catch(() => setTimeout(wait, 1000));
  wait();
})();
