#pragma once
// Internal to sovang::ocr: keeping Tesseract's OpenMP to one thread per page.

namespace sovang::ocr {

// libgomp reads OMP_THREAD_LIMIT once, when it is loaded (before main), so
// setting the variable later does not reach it. Instead this makes every
// OpenMP parallel region started from the calling thread run on that thread
// alone (max-active-levels 0), unless OMP_THREAD_LIMIT asks for more than one
// thread. A no-op when Tesseract was built without OpenMP.
// In such a thread Tesseract's parallel regions also skip libgomp's team
// (openmp.cpp's GOMP_parallel).
void LimitOpenMpInThisThread();

// How many OpenMP parallel regions the calling thread ran without a team.
long OpenMpRegionsRunInlineInThisThread();

}  // namespace sovang::ocr
