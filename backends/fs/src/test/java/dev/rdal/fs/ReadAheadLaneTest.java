package dev.rdal.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The read-ahead lane: chunks handed over while it runs share its one task and thread, an idle lane
 * ends its task and the next chunk starts a new one, a closed lane reads nothing more, and a scheduler
 * that refuses the task leaves the chunk to the body.
 */
class ReadAheadLaneTest {

  private static final int CHUNK = 4096;

  @TempDir
  Path dir;

  private Scheduler scheduler;
  private final AtomicInteger tasks = new AtomicInteger();
  private Scheduler counting;
  private RecordingChannel channel;

  @BeforeEach
  void setUp() throws IOException {
    Path file = dir.resolve("f.bin");
    Files.write(file, FsTestSupport.randomBytes(8 * CHUNK, 3));
    channel = new RecordingChannel(file);
    scheduler = Schedulers.newBoundedElastic(2, 100, "lane");
    counting = new Scheduler() {
      @Override
      public Disposable schedule(Runnable task) {
        tasks.incrementAndGet();
        return scheduler.schedule(task);
      }

      @Override
      public Worker createWorker() {
        return scheduler.createWorker();
      }
    };
  }

  @AfterEach
  void tearDown() throws IOException {
    channel.close();
    scheduler.dispose();
  }

  private ChunkRead chunk(int index) {
    return new ChunkRead(channel, (long) index * CHUNK, CHUNK, ByteBuffer.allocateDirect(CHUNK), 8L * CHUNK);
  }

  @Test
  void chunksHandedOverWhileTheLaneRunsAreReadInOrderByItsOneTask() throws Exception {
    RecordingChannel.Hold hold = channel.holdAt(0);
    ReadAheadLane lane = new ReadAheadLane(counting);
    ChunkRead[] chunks = {chunk(0), chunk(1), chunk(2), chunk(3)};
    lane.submit(chunks[0]);
    hold.awaitReached();
    for (int i = 1; i < chunks.length; i++) {
      lane.submit(chunks[i]);
    }
    hold.release();
    // let the lane reach every chunk before joining: a join claims a chunk the lane has not started
    FsTestSupport.awaitUntil(() -> channel.reads().size() == chunks.length);
    for (ChunkRead c : chunks) {
      assertThat(c.join().remaining()).isEqualTo(CHUNK);
    }
    assertThat(tasks).hasValue(1);
    String thread = channel.reads().get(0).thread();
    assertThat(thread).startsWith("lane-");
    assertThat(channel.reads()).extracting(RecordingChannel.Read::position)
        .containsExactly(0L, (long) CHUNK, 2L * CHUNK, 3L * CHUNK);
    assertThat(channel.reads()).allMatch(r -> r.thread().equals(thread));
    lane.close();
  }

  @Test
  void anIdleLaneEndsItsTaskAndTheNextChunkStartsANewOne() throws Exception {
    ReadAheadLane lane = new ReadAheadLane(counting);
    ChunkRead first = chunk(0);
    lane.submit(first);
    assertThat(first.join().remaining()).isEqualTo(CHUNK);
    FsTestSupport.awaitUntil(() -> !lane.isRunning()); // after lingering LINGER_NANOS without work
    ChunkRead second = chunk(1);
    lane.submit(second);
    assertThat(second.join().remaining()).isEqualTo(CHUNK);
    assertThat(tasks).hasValue(2);
    lane.close();
  }

  @Test
  void aClosedLaneReadsNoFurtherChunk() throws Exception {
    RecordingChannel.Hold hold = channel.holdAt(0);
    ReadAheadLane lane = new ReadAheadLane(counting);
    ChunkRead inFlight = chunk(0);
    ChunkRead queued = chunk(1);
    lane.submit(inFlight);
    hold.awaitReached();
    lane.submit(queued);
    lane.close();
    hold.release();
    inFlight.settle(); // the chunk in flight is finished by the lane's thread
    FsTestSupport.awaitUntil(() -> !lane.isRunning());
    queued.settle(); // never started: settling claims it, so nobody reads it
    assertThat(channel.reads()).extracting(RecordingChannel.Read::position).containsExactly(0L);
  }

  @Test
  void aRefusedTaskLeavesTheChunkToTheBodyAndTheLaneRestartable() throws Exception {
    Scheduler gone = Schedulers.newSingle("gone");
    gone.dispose();
    ReadAheadLane lane = new ReadAheadLane(gone);
    ChunkRead c = chunk(0);
    assertThatThrownBy(() -> lane.submit(c)).isInstanceOf(RejectedExecutionException.class);
    assertThat(lane.isRunning()).isFalse();
    assertThat(c.join().remaining()).isEqualTo(CHUNK); // the body claims and reads it itself
    assertThat(channel.reads()).extracting(RecordingChannel.Read::thread)
        .containsExactly(Thread.currentThread().getName());
  }
}
