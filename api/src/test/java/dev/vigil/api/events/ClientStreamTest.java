package dev.vigil.api.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vigil.api.tenancy.Visibility;
import io.micronaut.http.sse.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

class ClientStreamTest {

  static final class Recorder implements Subscriber<Event<String>> {
    final List<String> items = new ArrayList<>();
    Subscription subscription;
    Throwable error;

    @Override
    public void onSubscribe(Subscription s) {
      subscription = s;
    }

    @Override
    public void onNext(Event<String> e) {
      items.add(e.getData());
    }

    @Override
    public void onError(Throwable t) {
      error = t;
    }

    @Override
    public void onComplete() {}
  }

  @Test
  void emitsOnlyWhatIsRequested_inOrder() {
    ClientStream stream = new ClientStream(EventFilter.ALL, Visibility.ALL, 10, () -> {});
    Recorder r = new Recorder();
    stream.subscribe(r);
    for (int i = 0; i < 5; i++) {
      assertThat(stream.offer(Event.of("e" + i))).isEqualTo(ClientStream.Offer.QUEUED);
    }
    assertThat(r.items).isEmpty();
    r.subscription.request(2);
    assertThat(r.items).containsExactly("e0", "e1");
    r.subscription.request(10);
    assertThat(r.items).containsExactly("e0", "e1", "e2", "e3", "e4");
    stream.offer(Event.of("e5"));
    assertThat(r.items).endsWith("e5");
  }

  @Test
  void fullQueue_dropsTheClientAtOnce_withoutDeliveringTheBacklog() {
    AtomicInteger terminated = new AtomicInteger();
    ClientStream stream =
        new ClientStream(EventFilter.ALL, Visibility.ALL, 3, terminated::incrementAndGet);
    Recorder r = new Recorder();
    stream.subscribe(r);
    r.subscription.request(1);
    stream.offer(Event.of("read"));
    for (int i = 0; i < 3; i++) {
      assertThat(stream.offer(Event.of("q" + i))).isEqualTo(ClientStream.Offer.QUEUED);
    }
    assertThat(stream.offer(Event.of("overflow"))).isEqualTo(ClientStream.Offer.DROPPED);
    assertThat(r.error).isInstanceOf(ClientStream.SlowClientException.class);
    assertThat(r.items).containsExactly("read");
    assertThat(terminated).hasValue(1);
    assertThat(stream.offer(Event.of("later"))).isEqualTo(ClientStream.Offer.CLOSED);
    r.subscription.request(10);
    assertThat(r.items).containsExactly("read");
  }

  @Test
  void cancel_terminatesOnce_andRefusesMore() {
    AtomicInteger terminated = new AtomicInteger();
    ClientStream stream =
        new ClientStream(EventFilter.ALL, Visibility.ALL, 3, terminated::incrementAndGet);
    Recorder r = new Recorder();
    stream.subscribe(r);
    r.subscription.cancel();
    r.subscription.cancel();
    assertThat(terminated).hasValue(1);
    assertThat(stream.offer(Event.of("x"))).isEqualTo(ClientStream.Offer.CLOSED);
  }

  @Test
  void reentrantRequestFromOnNext_doesNotRecurse() {
    ClientStream stream = new ClientStream(EventFilter.ALL, Visibility.ALL, 100, () -> {});
    List<String> seen = new ArrayList<>();
    stream.subscribe(
        new Subscriber<>() {
          Subscription s;

          @Override
          public void onSubscribe(Subscription s) {
            this.s = s;
            s.request(1);
          }

          @Override
          public void onNext(Event<String> e) {
            seen.add(e.getData());
            s.request(1);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onComplete() {}
        });
    for (int i = 0; i < 50; i++) {
      stream.offer(Event.of("e" + i));
    }
    assertThat(seen).hasSize(50);
  }
}
