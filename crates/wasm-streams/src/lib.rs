//! Takes the place of the `wasm-streams` crate in this workspace (`[patch.crates-io]` in the
//! workspace's `Cargo.toml`).
//!
//! Leptos always turns on `server_fn`'s browser feature, and with it `wasm-streams`, which
//! `server_fn` uses for server functions with streamed bodies. The component has no server
//! functions. But the real crate exports three JavaScript classes through wasm-bindgen, and an
//! export is kept by the linker, by wasm-opt and by wasm-bindgen's glue whether or not anything
//! uses it: with them came about 9 kB of code, `std::io`'s error messages and the glue's
//! classes, 0.8 kB brotli of the first load that the post-build step had to cut out after the
//! build (BENCHMARKS.md).
//!
//! This crate has what `server_fn` calls and nothing else. A server function with a streamed
//! body fails with an error instead of streaming; should a later `server_fn` call more of the
//! real crate, the build fails rather than the page.

/// Readable streams.
pub mod readable {
    use futures_util::stream::{self, Stream};
    use wasm_bindgen::{JsCast, JsValue};

    /// A browser `ReadableStream`.
    pub struct ReadableStream(web_sys::ReadableStream);

    impl ReadableStream {
        /// Wraps a browser stream.
        pub fn from_raw(raw: web_sys::ReadableStream) -> Self {
            Self(raw)
        }

        /// Would stream `stream` to the browser; here an empty stream, so a request with it
        /// goes with an empty body.
        pub fn from_stream<St>(_stream: St) -> Self
        where
            St: Stream<Item = Result<JsValue, JsValue>> + 'static,
        {
            // An empty `Blob`'s stream is empty and closed. Creating one does not throw; should
            // it, the request goes without a body.
            let empty = web_sys::Blob::new().map(|blob| blob.stream());
            Self(empty.unwrap_or_else(|_| JsValue::UNDEFINED.unchecked_into()))
        }

        /// The browser stream.
        pub fn into_raw(self) -> web_sys::ReadableStream {
            self.0
        }

        /// Would read the stream's chunks; here one error saying that streams are not
        /// supported.
        pub fn into_stream(self) -> impl Stream<Item = Result<JsValue, JsValue>> {
            stream::once(async {
                Err(JsValue::from_str(
                    "streamed server-function bodies are not supported by this build",
                ))
            })
        }
    }
}

pub use readable::ReadableStream;
