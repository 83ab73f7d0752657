#pragma once
// `sovang ingest` asks glibc for transparent huge pages (huge_pages.cpp says
// why) by running itself again once with glibc.malloc.hugetlb=1.

namespace sovang::cli {

// Replaces the process with itself, same arguments, GLIBC_TUNABLES carrying
// glibc.malloc.hugetlb=1, when glibc >= 2.35 and the kernel gives huge pages
// on request ("[madvise]"). Returns (and changes nothing) when that does not
// apply, when the tunable is already set, when SOVANG_HUGE_PAGES=0, or when
// the exec fails. Call first thing, before any thread starts.
void RunAgainWithHugePages();

// Whether this process runs with glibc.malloc.hugetlb=1 in GLIBC_TUNABLES.
bool HugePagesAsked();

}  // namespace sovang::cli
