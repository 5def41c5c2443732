#pragma once
// Reader → workers → writer over a fixed pool of slots: one reader thread fills slots in
// order, worker threads process them in any order, and the calling thread drains them in
// the order they were filled. Memory is the pool (slots are reused, never reallocated by
// the pipeline), whatever the input's length.
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace capmig::stream {

// fill(slot) → false when there is nothing more; work(slot) on a worker; drain(slot) in fill
// order. A throw anywhere stops the pipeline and is rethrown here.
template <class Slot, class Fill, class Work, class Drain>
void run_ordered(unsigned workers, std::size_t slot_count, Fill&& fill, Work&& work, Drain&& drain) {
  if (workers == 0) workers = 1;
  if (slot_count < 2) slot_count = 2;
  std::vector<Slot> slots(slot_count);
  std::mutex m;
  std::condition_variable cv;
  std::deque<std::size_t> free_slots, to_work;
  std::vector<std::size_t> seq_of(slot_count);
  std::vector<bool> done(slot_count, false);
  std::size_t filled = 0;  // slots handed out by the reader so far (their sequence numbers)
  bool reader_done = false, stop = false;
  std::exception_ptr failure;
  for (std::size_t i = 0; i < slot_count; ++i) free_slots.push_back(i);

  auto fail = [&](std::exception_ptr e) {
    std::lock_guard lock(m);
    if (!failure) failure = std::move(e);
    stop = true;
    cv.notify_all();
  };

  std::thread reader([&] {
    try {
      for (;;) {
        std::size_t i;
        {
          std::unique_lock lock(m);
          cv.wait(lock, [&] { return stop || !free_slots.empty(); });
          if (stop) return;
          i = free_slots.front();
          free_slots.pop_front();
        }
        const bool more = fill(slots[i]);
        std::lock_guard lock(m);
        if (!more) {
          free_slots.push_back(i);
          reader_done = true;
          cv.notify_all();
          return;
        }
        seq_of[i] = filled++;
        to_work.push_back(i);
        cv.notify_all();
      }
    } catch (...) {
      fail(std::current_exception());
    }
  });
  std::vector<std::thread> pool;
  for (unsigned w = 0; w < workers; ++w)
    pool.emplace_back([&] {
      try {
        for (;;) {
          std::size_t i;
          {
            std::unique_lock lock(m);
            cv.wait(lock, [&] { return stop || !to_work.empty() || reader_done; });
            if (stop || to_work.empty()) return;
            i = to_work.front();
            to_work.pop_front();
          }
          work(slots[i]);
          std::lock_guard lock(m);
          done[i] = true;
          cv.notify_all();
        }
      } catch (...) {
        fail(std::current_exception());
      }
    });

  try {
    for (std::size_t next = 0;; ++next) {
      std::size_t i = slot_count;
      {
        std::unique_lock lock(m);
        cv.wait(lock, [&] {
          if (stop) return true;
          for (std::size_t k = 0; k < slot_count; ++k)
            if (done[k] && seq_of[k] == next) {
              i = k;
              return true;
            }
          return reader_done && to_work.empty() && filled == next;
        });
        if (stop || i == slot_count) break;
      }
      drain(slots[i]);
      std::lock_guard lock(m);
      done[i] = false;
      free_slots.push_back(i);
      cv.notify_all();
    }
  } catch (...) {
    fail(std::current_exception());
  }
  {
    std::lock_guard lock(m);
    stop = true;
    cv.notify_all();
  }
  reader.join();
  for (auto& t : pool) t.join();
  if (failure) std::rethrow_exception(failure);
}

}  // namespace capmig::stream
