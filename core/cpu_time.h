#pragma once
// CPU time spent so far, for measuring work on a shared machine, where wall
// time mostly measures the neighbours (benchmarks, the second look's budget).

namespace sovang {

// CPU seconds of the calling thread (user + system).
double ThreadCpuSeconds();

// CPU seconds of the whole process, every thread (user + system).
double ProcessCpuSeconds();

}  // namespace sovang
