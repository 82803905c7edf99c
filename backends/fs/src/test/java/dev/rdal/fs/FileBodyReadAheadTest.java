package dev.rdal.fs;

import static dev.rdal.fs.FsTestSupport.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rdal.ContentRange;
import dev.rdal.ErrorKind;
import dev.rdal.RdalException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Read-ahead of a file body: which thread reads which chunk, that a lent buffer is never read into while
 * its {@code onNext} runs, bounded depth, no deadlock on a single thread, and clean cancellation and
 * failure while chunks are in flight. Drives {@link FileBody} directly over a {@link RecordingChannel}.
 */
class FileBodyReadAheadTest {

  private static final int CHUNK = 64 * 1024;
  private static final int DEPTH = 2;

  @TempDir
  Path dir;

  private Scheduler ahead;
  private Path file;
  private byte[] content;

  @BeforeEach
  void setUp() throws IOException {
    ahead = Schedulers.newBoundedElastic(2, 100, "ahead");
    file = dir.resolve("f.bin");
    content = FsTestSupport.randomBytes(8 * CHUNK + 123, 7);
    Files.write(file, content);
  }

  @AfterEach
  void tearDown() {
    ahead.dispose();
  }

  private static ContentRange whole(long size) {
    return ContentRange.of(0, size - 1, size);
  }

  private Flux<ByteBuffer> body(FileChannel channel, BufferPool pool, Scheduler on, int depth) {
    return FileBody.of(channel, whole(content.length), CHUNK, pool, new ReadAhead(on, depth, 4));
  }

  /** The test's read-ahead scheduler, counting the chunks handed to it. */
  private static final class Counting implements Scheduler {
    final Scheduler delegate;
    final AtomicInteger scheduled = new AtomicInteger();

    Counting(Scheduler delegate) {
      this.delegate = delegate;
    }

    @Override
    public reactor.core.Disposable schedule(Runnable task) {
      scheduled.incrementAndGet();
      return delegate.schedule(task);
    }

    @Override
    public Worker createWorker() {
      return delegate.createWorker();
    }
  }

  private static long distinctPositions(RecordingChannel ch) {
    return ch.reads().stream().mapToLong(RecordingChannel.Read::position).distinct().count();
  }

  private static long[] positions(RecordingChannel ch) {
    return ch.reads().stream().mapToLong(RecordingChannel.Read::position).sorted().toArray();
  }

  @Test
  void theNextChunksAreReadOnOneLaneOfTheSchedulerWhileTheSubscriberHoldsTheCurrentOne() throws Exception {
    RecordingChannel ch = new RecordingChannel(file);
    RecordingChannel.Hold laneBusy = ch.holdAt(CHUNK); // the first chunk read ahead: hold the lane in it
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<long[]> duringFirst = new AtomicReference<>();
    AtomicInteger tasksDuringFirst = new AtomicInteger();
    Counting on = new Counting(ahead);
    body(ch, null, on, DEPTH).subscribe(new BaseSubscriber<ByteBuffer>() {
      int n;

      @Override
      protected void hookOnSubscribe(Subscription s) {
        request(1);
      }

      @Override
      protected void hookOnNext(ByteBuffer b) {
        got.writeBytes(FsTestSupport.bytesOf(b));
        if (n++ == 0) {
          // both chunks ahead were handed over before this onNext, yet while the lane is busy with the
          // first of them the second started no task of its own: one wake-up, not one per chunk
          laneBusy.awaitReached();
          tasksDuringFirst.set(on.scheduled.get());
          laneBusy.release();
          FsTestSupport.awaitUntil(() -> ch.reads().size() >= 1 + DEPTH);
          duringFirst.set(positions(ch));
        }
        request(1);
      }

      @Override
      protected void hookFinally(reactor.core.publisher.SignalType type) {
        done.countDown();
      }
    });
    assertThat(done.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(got.toByteArray()).isEqualTo(content);
    assertThat(tasksDuringFirst).hasValue(1);
    assertThat(duringFirst.get()).containsExactly(0, CHUNK, 2L * CHUNK);
    String me = Thread.currentThread().getName();
    assertThat(ch.reads().get(0)).isEqualTo(new RecordingChannel.Read(0, me));
    String lane = ch.reads().get(1).thread();
    assertThat(lane).startsWith("ahead-");
    assertThat(ch.reads().get(2)).isEqualTo(new RecordingChannel.Read(2L * CHUNK, lane));
    assertThat(ch.reads()).allMatch(r -> r.thread().equals(me) || r.thread().startsWith("ahead-"));
    assertThat(positions(ch)).hasSize(9).doesNotHaveDuplicates();
    assertThat(ch.isOpen()).isFalse();
  }

  @Test
  void aLentBufferIsNeverReadIntoWhileItsOnNextRuns() throws Exception {
    RecordingChannel ch = new RecordingChannel(file);
    BufferPool pool = new BufferPool(CHUNK, 16);
    List<ByteBuffer> seen = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    long[] at = {0};
    long chunks = (content.length + CHUNK - 1) / CHUNK;
    body(ch, pool, ahead, DEPTH)
        .doOnNext(b -> {
          byte[] before = FsTestSupport.bytesOf(b);
          // before each onNext the body hands the next DEPTH chunks (as many as are left) ahead
          long index = at[0] / CHUNK;
          long dispatched = Math.min(DEPTH, chunks - 1 - index);
          // every chunk handed ahead so far is read, into the other buffers, while this onNext runs
          FsTestSupport.awaitUntil(() -> distinctPositions(ch) >= index + 1 + dispatched);
          byte[] after = FsTestSupport.bytesOf(b);
          byte[] expected = Arrays.copyOfRange(content, (int) at[0], (int) at[0] + before.length);
          if (!Arrays.equals(before, expected) || !Arrays.equals(after, expected)) {
            problems.add("chunk at " + at[0] + " changed under its onNext (chunks handed ahead: " + dispatched + ")");
          }
          at[0] += before.length;
          seen.add(b);
        })
        .blockLast(TIMEOUT);
    assertThat(problems).isEmpty();
    assertThat(at[0]).isEqualTo(content.length);
    long distinct = seen.stream().map(System::identityHashCode).distinct().count();
    assertThat(distinct).isBetween(2L, 1L + DEPTH);
    assertThat(pool.idle()).isEqualTo((int) distinct);
  }

  @Test
  void onASingleThreadTheBodyReadsEveryChunkItselfWithoutDeadlock() throws Exception {
    Scheduler solo = Schedulers.newSingle("solo");
    try {
      RecordingChannel ch = new RecordingChannel(file);
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      body(ch, null, solo, DEPTH).subscribeOn(solo, true)
          .doOnNext(b -> got.writeBytes(FsTestSupport.bytesOf(b)))
          .blockLast(TIMEOUT);
      assertThat(got.toByteArray()).isEqualTo(content);
      assertThat(ch.reads()).allMatch(r -> r.thread().startsWith("solo"));
    } finally {
      solo.dispose();
    }
  }

  @Test
  void aCancelWhileAChunkIsReadAheadWaitsForItThenClosesAndReturnsEveryBuffer() throws Exception {
    RecordingChannel ch = new RecordingChannel(file);
    RecordingChannel.Hold inFlight = ch.holdAt(2L * CHUNK);
    BufferPool pool = new BufferPool(CHUNK, 16);
    AtomicReference<Subscription> sub = new AtomicReference<>();
    CountDownLatch first = new CountDownLatch(1);
    body(ch, pool, ahead, DEPTH).subscribe(new BaseSubscriber<ByteBuffer>() {
      @Override
      protected void hookOnSubscribe(Subscription s) {
        sub.set(s);
        s.request(1);
      }

      @Override
      protected void hookOnNext(ByteBuffer b) {
        first.countDown();
      }
    });
    assertThat(first.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    inFlight.awaitReached();
    Thread canceller = new Thread(() -> sub.get().cancel(), "canceller");
    canceller.start();
    FsTestSupport.awaitUntil(() -> canceller.getState() == Thread.State.WAITING); // parked until the read in flight ends
    assertThat(ch.isOpen()).isTrue();
    assertThat(pool.idle()).isZero();
    inFlight.release();
    canceller.join(TIMEOUT.toMillis());
    assertThat(canceller.isAlive()).isFalse();
    assertThat(ch.isOpen()).isFalse();
    assertThat(pool.idle()).isEqualTo(1 + DEPTH);
    assertThat(positions(ch)).containsExactly(0, CHUNK, 2L * CHUNK);
  }

  @Test
  void aChunkThatFailsAheadFailsTheBodyWhenItIsReachedAndTheChunksBeforeItArriveWhole() throws Exception {
    long cut = 3L * CHUNK + 10;
    RecordingChannel ch = new RecordingChannel(file).beforeRead(p -> {
      if (p == 3L * CHUNK) {
        try (FileChannel w = FileChannel.open(file, StandardOpenOption.WRITE)) {
          w.truncate(cut);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    });
    BufferPool pool = new BufferPool(CHUNK, 16);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    StepVerifier.create(body(ch, pool, ahead, DEPTH).doOnNext(b -> got.writeBytes(FsTestSupport.bytesOf(b))))
        .expectNextCount(3)
        .expectErrorSatisfies(e -> {
          assertThat(e).isInstanceOf(RdalException.class);
          assertThat(((RdalException) e).kind()).isEqualTo(ErrorKind.CONDITION_NOT_MET);
          assertThat(e.getMessage()).contains("shrank");
        })
        .verify(TIMEOUT);
    assertThat(got.toByteArray()).isEqualTo(Arrays.copyOf(content, 3 * CHUNK));
    assertThat(ch.isOpen()).isFalse();
    assertThat(pool.idle()).isEqualTo(1 + DEPTH);
  }

  @Test
  void withoutASchedulerWithDepthZeroOrWithADisposedSchedulerEveryChunkIsReadOnTheEmittingThread() throws Exception {
    Scheduler disposed = Schedulers.newBoundedElastic(1, 10, "gone");
    disposed.dispose();
    String me = Thread.currentThread().getName();
    for (Scheduler on : new Scheduler[] {null, ahead, disposed}) {
      RecordingChannel ch = new RecordingChannel(file);
      int depth = on == ahead ? 0 : DEPTH;
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      body(ch, new BufferPool(CHUNK, 4), on, depth).doOnNext(b -> got.writeBytes(FsTestSupport.bytesOf(b))).blockLast(TIMEOUT);
      assertThat(got.toByteArray()).isEqualTo(content);
      assertThat(ch.reads()).allMatch(r -> r.thread().equals(me));
      assertThat(positions(ch)).hasSize(9);
    }
  }

  @Test
  void aBodyOfOneChunkNeverUsesTheScheduler() throws Exception {
    RecordingChannel ch = new RecordingChannel(file);
    ReadAhead readAhead = new ReadAhead(ahead, DEPTH, 4);
    FileBody.of(ch, ContentRange.of(100, 99 + CHUNK, content.length), CHUNK, null, readAhead).blockLast(TIMEOUT);
    assertThat(ch.reads()).containsExactly(new RecordingChannel.Read(100, Thread.currentThread().getName()));
    assertThat(readAhead.reading()).isZero();
  }

  @Test
  void onlyAsManyBodiesAsAdmittedReadAheadAtOnceAndEachLeavesWhenItEnds() throws Exception {
    ReadAhead readAhead = new ReadAhead(ahead, DEPTH, 1);
    RecordingChannel first = new RecordingChannel(file);
    RecordingChannel second = new RecordingChannel(file);
    String me = Thread.currentThread().getName();
    List<ByteBuffer> held = new ArrayList<>();
    // the first body is admitted and stays open (one chunk taken); the second, meanwhile, is not
    BaseSubscriber<ByteBuffer> open = new BaseSubscriber<>() {
      @Override
      protected void hookOnSubscribe(Subscription s) {
        s.request(1);
      }

      @Override
      protected void hookOnNext(ByteBuffer b) {
        held.add(b);
      }
    };
    FileBody.of(first, whole(content.length), CHUNK, null, readAhead).subscribe(open);
    assertThat(held).hasSize(1);
    assertThat(readAhead.reading()).isEqualTo(1);
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    FileBody.of(second, whole(content.length), CHUNK, null, readAhead)
        .doOnNext(b -> got.writeBytes(FsTestSupport.bytesOf(b))).blockLast(TIMEOUT);
    assertThat(got.toByteArray()).isEqualTo(content);
    assertThat(second.reads()).allMatch(r -> r.thread().equals(me));
    FsTestSupport.awaitUntil(() -> first.reads().size() == 1 + DEPTH);
    assertThat(first.reads().subList(1, 1 + DEPTH)).allMatch(r -> r.thread().startsWith("ahead-"));
    open.cancel();
    assertThat(readAhead.reading()).isZero();
    assertThat(first.isOpen()).isFalse();
  }
}
