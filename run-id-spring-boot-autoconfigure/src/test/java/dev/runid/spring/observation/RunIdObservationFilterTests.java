package dev.runid.spring.observation;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.web.RunIdRequestAttributes;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.observation.ClientRequestObservationContext;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.http.server.reactive.MockServerHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.reactive.function.client.ClientRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdObservationFilter} and {@link RunIdObservationHandler} on a real
 * {@link ObservationRegistry}: where each kind of observation finds its run.
 */
class RunIdObservationFilterTests {

	private final StoppedContexts stopped = new StoppedContexts();

	private final ObservationRegistry registry = ObservationRegistry.create();

	RunIdObservationFilterTests() {
		this.registry.observationConfig()
			.observationHandler(new RunIdObservationHandler())
			.observationHandler(this.stopped)
			.observationFilter(new RunIdObservationFilter("X-Run-Id", "X-Parent-Run-Id"));
	}

	@Test
	void observationOfARunGetsItAsHighCardinalityKeyValues() {
		RunId child = RunId.generate(RunId.fromString("parent-run"));
		RunContext.run(child, () -> Observation.createNotStarted("agent.step", this.registry).observe(() -> {
		}));
		Observation.Context context = this.stopped.last();
		assertThat(context.getHighCardinalityKeyValue("run.id")).isEqualTo(KeyValue.of("run.id", child.value()));
		assertThat(context.getHighCardinalityKeyValue("run.parent.id"))
			.isEqualTo(KeyValue.of("run.parent.id", "parent-run"));
		assertThat(context.getLowCardinalityKeyValues()).isEmpty();
	}

	@Test
	void observationOutsideRunsGetsNothing() {
		Observation.createNotStarted("housekeeping", this.registry).observe(() -> {
		});
		assertThat(this.stopped.last().getAllKeyValues()).isEmpty();
	}

	@Test
	void runOfAnObservationIsTheOneCurrentWhenItStarted() throws Exception {
		Observation observation = RunContext.call(RunId.fromString("started-run"),
				() -> Observation.start("exchange", this.registry));
		RunContext.run(RunId.fromString("other-run"), observation::stop);
		assertThat(runIdOf(this.stopped.last())).isEqualTo("started-run");
	}

	@Test
	void observationStartedOutsideARunTakesTheRunCurrentWhenItStops() {
		Observation observation = Observation.start("exchange", this.registry);
		RunContext.run(RunId.fromString("stopping-run"), observation::stop);
		assertThat(runIdOf(this.stopped.last())).isEqualTo("stopping-run");
	}

	@Test
	void servletServerObservationTakesTheRunOfTheRequest() {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/agents");
		request.setAttribute(RunIdRequestAttributes.RUN_ID,
				RunId.fromString("request-run").withParent(RunId.fromString("caller-run")));
		Observation observation = start(
				() -> new ServerRequestObservationContext(request, new MockHttpServletResponse()));
		RunContext.run(RunId.fromString("unrelated-run"), observation::stop);
		assertThat(runIdOf(this.stopped.last())).isEqualTo("request-run");
		assertThat(parentRunIdOf(this.stopped.last())).isEqualTo("caller-run");
	}

	@Test
	void reactiveServerObservationTakesTheRunOfTheExchangeWithoutAnyRunCurrent() {
		Observation observation = start(
				() -> new org.springframework.http.server.reactive.observation.ServerRequestObservationContext(
						MockServerHttpRequest.get("/agents").build(), new MockServerHttpResponse(),
						Map.of(RunIdRequestAttributes.RUN_ID, RunId.fromString("exchange-run"))));
		observation.stop();
		assertThat(runIdOf(this.stopped.last())).isEqualTo("exchange-run");
	}

	@Test
	void httpClientObservationTakesTheRunThatTheRequestSends() throws Exception {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, URI.create("http://tools/search"));
		Observation observation = RunContext.call(RunId.fromString("current-run"),
				() -> start(() -> new ClientRequestObservationContext(request)));
		request.getHeaders().set("X-Run-Id", "sent-run");
		request.getHeaders().set("X-Parent-Run-Id", "sent-parent");
		observation.stop();
		assertThat(runIdOf(this.stopped.last())).isEqualTo("sent-run");
		assertThat(parentRunIdOf(this.stopped.last())).isEqualTo("sent-parent");
	}

	@Test
	void httpClientObservationWithAnInvalidRunHeaderTakesTheRunItStartedIn() throws Exception {
		MockClientHttpRequest request = new MockClientHttpRequest(HttpMethod.GET, URI.create("http://tools/search"));
		request.getHeaders().set("X-Run-Id", "not a run id");
		Observation observation = RunContext.call(RunId.fromString("current-run"),
				() -> start(() -> new ClientRequestObservationContext(request)));
		observation.stop();
		assertThat(runIdOf(this.stopped.last())).isEqualTo("current-run");
	}

	@Test
	void webClientObservationTakesARunHeaderThatTheCallerSet() {
		ClientRequest request = ClientRequest.create(HttpMethod.GET, URI.create("http://tools/search"))
			.header("X-Run-Id", "explicit-run")
			.build();
		Observation observation = start(() -> {
			org.springframework.web.reactive.function.client.ClientRequestObservationContext context = new org.springframework.web.reactive.function.client.ClientRequestObservationContext(
					ClientRequest.from(request));
			context.setRequest(request);
			return context;
		});
		observation.stop();
		assertThat(runIdOf(this.stopped.last())).isEqualTo("explicit-run");
	}

	@Test
	void keyValueThatTheObservationAlreadyHasIsKept() {
		RunContext.run(RunId.fromString("current-run"),
				() -> Observation.createNotStarted("agent.step", this.registry)
					.highCardinalityKeyValue("run.id", "chosen-run")
					.observe(() -> {
					}));
		assertThat(runIdOf(this.stopped.last())).isEqualTo("chosen-run");
		assertThat(this.stopped.last().getHighCardinalityKeyValue("run.parent.id")).isNull();
	}

	@Test
	void runPutIntoTheContextByTheCallerIsKept() {
		RunContext.run(RunId.fromString("current-run"), () -> {
			Observation observation = Observation.createNotStarted("agent.step", this.registry);
			observation.getContext().put(RunId.class, RunId.fromString("chosen-run"));
			observation.observe(() -> {
			});
		});
		assertThat(runIdOf(this.stopped.last())).isEqualTo("chosen-run");
	}

	private Observation start(Supplier<? extends Observation.Context> context) {
		return Observation.createNotStarted("http", context, this.registry).start();
	}

	private static @Nullable String runIdOf(Observation.Context context) {
		KeyValue keyValue = context.getHighCardinalityKeyValue("run.id");
		return (keyValue != null) ? keyValue.getValue() : null;
	}

	private static @Nullable String parentRunIdOf(Observation.Context context) {
		KeyValue keyValue = context.getHighCardinalityKeyValue("run.parent.id");
		return (keyValue != null) ? keyValue.getValue() : null;
	}

	/**
	 * Keeps the context of every observation that stops.
	 */
	static final class StoppedContexts implements ObservationHandler<Observation.Context> {

		private final List<Observation.Context> contexts = new CopyOnWriteArrayList<>();

		@Override
		public void onStop(Observation.Context context) {
			this.contexts.add(context);
		}

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

		Observation.Context last() {
			assertThat(this.contexts).isNotEmpty();
			return this.contexts.get(this.contexts.size() - 1);
		}

	}

}
