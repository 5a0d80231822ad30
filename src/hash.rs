//! Hashing: the stable content hashes the manifest records (the same on every machine and Rust
//! version, so they can be committed), and a fast hasher for maps keyed by our own paths.

use std::collections::HashMap;

/// A stable 64-bit hash (FNV-1a) of `bytes`, as 16 hex digits: the same on every machine and
/// with every Rust version, so manifests can be committed.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("{:016x}", fnv1a(bytes, 0xcbf2_9ce4_8422_2325))
}

/// [`content_hash`] of several parts, each length-prefixed so that moving a boundary changes it.
pub fn combined_hash(parts: &[&[u8]]) -> String {
    let mut state = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        state = fnv1a(&(part.len() as u64).to_le_bytes(), state);
        state = fnv1a(part, state);
    }
    format!("{state:016x}")
}

fn fnv1a(bytes: &[u8], mut state: u64) -> u64 {
    for byte in bytes {
        state ^= u64::from(*byte);
        state = state.wrapping_mul(0x0100_0000_01b3);
    }
    state
}

/// A fast, deterministic hasher (FNV-1a) for the build's maps of paths: DoS resistance is not
/// needed for our own file names, speed on 100,000 of them is.
#[derive(Default, Clone, Copy)]
pub struct FnvBuildHasher;

pub struct FnvHasher(u64);

impl std::hash::BuildHasher for FnvBuildHasher {
    type Hasher = FnvHasher;
    fn build_hasher(&self) -> FnvHasher {
        FnvHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for FnvHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv1a(bytes, self.0);
    }
}

/// A `HashMap` keyed by paths, with [`FnvBuildHasher`].
pub type PathMap<K, V> = HashMap<K, V, FnvBuildHasher>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_stable_and_part_boundaries_count() {
        // fixed values: manifests committed on one machine must read the same on another
        assert_eq!(content_hash(b""), "cbf29ce484222325");
        assert_eq!(content_hash(b"a"), "af63dc4c8601ec8c");
        assert_ne!(combined_hash(&[b"ab", b"c"]), combined_hash(&[b"a", b"bc"]));
    }
}
