#pragma once
// Recognition that steps aside for other work on the machine. OCR workers run
// at SCHED_IDLE, yet on two cores under a busy server the kernel still lets
// a worker hold a CPU while a server or client thread that was preempted
// (not freshly woken) waits for the next 4 ms tick or balance (bench/RESULTS.md,
// section 3): the search tail doubles. So recognition also pauses of its own
// accord: whoever watches the machine (ingest/server_watch.h) asks, and
// every recognising thread sleeps at its next step-aside point until let go.
// The points are fine-grained: every LSTM time step (ocr/tess_network.cpp),
// and every word Tesseract's own loop visits (tesseract_reader.cpp).

#include <chrono>

namespace sovang::ocr {

// Asks every recognising thread of this process to pause (true) or lets
// them go (false). Process-wide; cheap to call often.
void AskToStepAside(bool on);
bool AskedToStepAside();

// A step-aside point: returns at once unless asked, else sleeps until let go.
void StepAsideIfAsked();

// For tests: how many times a thread paused, and for how long, summed over
// threads, since the process started (the ingest reports the watch's own
// wall time aside: ingest/server_watch.h).
long StepAsidePauses();
std::chrono::nanoseconds TimeSteppedAside();

}  // namespace sovang::ocr
