//! A post's latent vector as a site index carries it (`_article.latent`), so that the browser
//! ranks with the build step's latent directions without computing them.
//!
//! The code is the vector's first dimensions (the strongest: each weighs by its variance), each
//! a signed byte scaled so that the largest is ±127, in unpadded base64url: [`INDEX_DIMENSIONS`]
//! dimensions make 64 characters a post. The scale is not kept: a decoded vector is
//! L2-normalized again, and only cosines are taken of it.

/// Dimensions a site index carries for each post (measured with `broadsheet-bench suite`).
pub const INDEX_DIMENSIONS: usize = 48;

/// Most dimensions read from one code (longer codes are not read).
const MAX_DIMENSIONS: usize = 256;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// The code of the first `dimensions` of `vector`; `None` when they are all zero or one is not
/// a number.
pub fn encode(vector: &[f32], dimensions: usize) -> Option<String> {
    let kept = &vector[..vector.len().min(dimensions).min(MAX_DIMENSIONS)];
    let largest = kept.iter().fold(0.0f32, |m, x| m.max(x.abs()));
    if largest == 0.0 || kept.iter().any(|x| !x.is_finite()) {
        return None;
    }
    let bytes: Vec<u8> = kept
        .iter()
        .map(|x| (x / largest * 127.0).round().clamp(-127.0, 127.0) as i8 as u8)
        .collect();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
        }
    }
    Some(out)
}

/// The vector of `code`, L2-normalized; empty when `code` is not one [`encode`] writes (a
/// character outside base64url, a length no whole bytes make, too long, or all zero).
pub fn decode(code: &str) -> Vec<f32> {
    let digits = code.as_bytes();
    if digits.len() % 4 == 1 || digits.len() > MAX_DIMENSIONS.div_ceil(3) * 4 {
        return Vec::new();
    }
    let mut vector = Vec::with_capacity(digits.len() * 3 / 4);
    for chunk in digits.chunks(4) {
        let mut n = 0u32;
        for (i, &d) in chunk.iter().enumerate() {
            let Some(value) = ALPHABET.iter().position(|&a| a == d) else {
                return Vec::new();
            };
            n |= (value as u32) << (18 - 6 * i);
        }
        for i in 0..chunk.len() - 1 {
            vector.push(f32::from((n >> (16 - 8 * i)) as u8 as i8));
        }
    }
    let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
    if norm == 0.0 {
        return Vec::new();
    }
    vector.iter_mut().for_each(|x| *x /= norm);
    vector
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cosine(a: &[f32], b: &[f32]) -> f32 {
        let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
        let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
        dot / (norm(a) * norm(b))
    }

    #[test]
    fn a_vector_comes_back_in_the_direction_it_had() {
        // Every length of the last group of base64 digits: 1, 2 and 3 bytes.
        for len in [1, 2, 3, 47, 48, 49] {
            let v: Vec<f32> = (0..len)
                .map(|i| ((i * 37 % 11) as f32 - 5.0) / (1.0 + i as f32))
                .collect();
            let code = encode(&v, len).expect("code");
            assert_eq!(code.len(), (len * 4).div_ceil(3));
            let back = decode(&code);
            assert_eq!(back.len(), len);
            assert!(cosine(&v, &back) > 0.999, "{len}: {v:?} {back:?}");
        }
        // The index keeps the first dimensions only.
        let v: Vec<f32> = (0..99).map(|i| 1.0 / (1.0 + i as f32)).collect();
        let back = decode(&encode(&v, INDEX_DIMENSIONS).expect("code"));
        assert_eq!(back.len(), INDEX_DIMENSIONS);
        assert_eq!(encode(&v, INDEX_DIMENSIONS).map(|c| c.len()), Some(64));
        assert!(cosine(&v[..INDEX_DIMENSIONS], &back) > 0.999);
        // Signs survive: the extremes are ±127.
        assert_eq!(decode(&encode(&[-2.0, 2.0], 2).expect("code")).len(), 2);
        assert!(decode(&encode(&[-2.0, 1.0], 2).expect("code"))[0] < 0.0);
    }

    #[test]
    fn what_is_not_a_code_is_no_vector() {
        assert_eq!(encode(&[0.0, 0.0], 2), None);
        assert_eq!(encode(&[f32::NAN, 1.0], 2), None);
        assert_eq!(encode(&[], 2), None);
        for bad in ["", "AAAA", "A", "AB*D", "ABCDE", "ab cd", "AAA="] {
            assert!(decode(bad).is_empty(), "{bad}");
        }
        assert!(decode(&"f".repeat(400)).is_empty());
        assert_eq!(decode("fw").len(), 1);
    }
}
