package query

/*
#include <stddef.h>
extern void ts_set_allocator(void *(*new_malloc)(size_t), void *(*new_calloc)(size_t, size_t), void *(*new_realloc)(void *, size_t), void (*new_free)(void *));
static void secaudit_native_allocator(void) { ts_set_allocator(NULL, NULL, NULL, NULL); }
*/
import "C"

import "sync"

var nativeAllocator sync.Once

// useNativeAllocator points tree-sitter back at the C allocator.
//
// go-tree-sitter routes every allocation of the C library through exported
// Go functions (C -> Go -> C.malloc), a cgo callback per node that made
// parsing several times slower. Both end in the same malloc and free, so
// memory allocated before the switch is freed correctly after it.
func useNativeAllocator() {
	nativeAllocator.Do(func() { C.secaudit_native_allocator() })
}
