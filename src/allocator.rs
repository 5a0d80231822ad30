//! The global allocator: mimalloc, asked the cheapest way it gives each allocation's alignment.

use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

use libmimalloc_sys as mi;

/// mimalloc, through its plain `malloc` and `realloc` wherever they give the alignment asked
/// for, and its aligned calls otherwise.
///
/// Rendering allocates many small strings and values on every core, which mimalloc serves with
/// less contention and less work than the system allocator. The `mimalloc` crate's allocator
/// asks for every block through `mi_malloc_aligned`, and mimalloc 3 answers that call by
/// over-allocating (a larger block, and about 140 instructions) whenever the page of the right
/// size has no free block left and the size is not a power of two: about 46 times for each spec
/// rendered. Every block mimalloc hands out is a whole number of words, and each page's first
/// block is 16-byte aligned, so an alignment up to a word needs no aligned call.
pub struct Allocator;

/// The alignment every mimalloc block has: a word (8 bytes on 64-bit targets, 4 on 32-bit).
const BLOCK_ALIGN: usize = std::mem::size_of::<usize>();

// SAFETY: each call hands mimalloc's own blocks out and back; the plain calls serve only
// alignments every block has (see `BLOCK_ALIGN`), and `alloc` checks that in debug builds.
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let block = if layout.align() <= BLOCK_ALIGN {
            unsafe { mi::mi_malloc(layout.size()) }
        } else {
            unsafe { mi::mi_malloc_aligned(layout.size(), layout.align()) }
        };
        debug_assert_eq!(block as usize % layout.align(), 0);
        block.cast()
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let block = if layout.align() <= BLOCK_ALIGN {
            unsafe { mi::mi_zalloc(layout.size()) }
        } else {
            unsafe { mi::mi_zalloc_aligned(layout.size(), layout.align()) }
        };
        block.cast()
    }

    unsafe fn dealloc(&self, block: *mut u8, _layout: Layout) {
        unsafe { mi::mi_free(block.cast::<c_void>()) }
    }

    unsafe fn realloc(&self, block: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let block = block.cast::<c_void>();
        let moved = if layout.align() <= BLOCK_ALIGN {
            unsafe { mi::mi_realloc(block, new_size) }
        } else {
            unsafe { mi::mi_realloc_aligned(block, new_size, layout.align()) }
        };
        moved.cast()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_block_has_the_alignment_asked_for() {
        let allocator = Allocator;
        for align in [1, 2, 4, 8, 16, 32, 64, 4096] {
            for size in (1..300).chain([4095, 4096, 65_537, 1 << 20]) {
                let layout = Layout::from_size_align(size, align).unwrap();
                unsafe {
                    let block = allocator.alloc(layout);
                    assert_eq!(block as usize % align, 0, "size {size}, align {align}");
                    block.write_bytes(0xAB, size);
                    let grown = allocator.realloc(block, layout, size * 3);
                    assert_eq!(grown as usize % align, 0, "realloc {size}, align {align}");
                    assert_eq!(*grown.add(size - 1), 0xAB, "realloc keeps the bytes");
                    allocator.dealloc(grown, Layout::from_size_align(size * 3, align).unwrap());
                    let zeroed = allocator.alloc_zeroed(layout);
                    assert_eq!(zeroed as usize % align, 0);
                    assert!((0..size).all(|i| *zeroed.add(i) == 0));
                    allocator.dealloc(zeroed, layout);
                }
            }
        }
    }
}
