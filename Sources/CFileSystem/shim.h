#ifndef FFGEN_CFILESYSTEM_SHIM_H
#define FFGEN_CFILESYSTEM_SHIM_H
// The directory reads of the chart loader that the C library does not offer to Swift directly.
#ifdef __linux__
#include <sys/syscall.h>
#include <unistd.h>

/// Reads directory entries of the open directory `fd` into `buffer` as `struct linux_dirent64` records (Linux
/// getdents64): the number of bytes filled, 0 at the end of the directory, or -1 with errno set.
/// glibc's opendir/readdir do the same reads after an fstat and the allocation of their own buffer.
static inline long ffgen_getdents64(int fd, void *buffer, unsigned long count) {
    return syscall(SYS_getdents64, fd, buffer, count);
}
#endif
#endif
