package dev.runid.spring.client;

import java.util.List;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.spring.web.reactive.HeaderRecordingServer;
import dev.runid.spring.web.reactive.HeaderRecordingServer.Received;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RunIdExchangeFilterFunction} against a real downstream server.
 */
class RunIdExchangeFilterFunctionTests {

	private static final HeaderRecordingServer downstream = new HeaderRecordingServer();

	private static final RunId PARENT = RunId.fromString("outer-run");

	@AfterAll
	static void stopDownstream() {
		downstream.close();
	}

	@BeforeEach
	void clear() {
		downstream.clear();
	}

	@Test
	void sendsRunFromTheSubscribersReactorContext() {
		String body = call(client(List.of()), "http://127.0.0.1:" + downstream.port() + "/",
				Context.of(RunIdThreadLocalAccessor.KEY, RunId.fromString("context-run")));
		assertThat(body).isEqualTo("context-run");
		assertThat(downstream.last().parentRunIds()).isEmpty();
	}

	@Test
	void sendsParentOfTheRun() {
		call(client(List.of()), downstream.url("/"),
				Context.of(RunIdThreadLocalAccessor.KEY, RunId.fromString("inner-run").withParent(PARENT)));
		Received received = downstream.last();
		assertThat(received.runIds()).containsExactly("inner-run");
		assertThat(received.parentRunIds()).containsExactly("outer-run");
	}

	@Test
	void fallsBackToTheRunCurrentOnTheSubscribingThread() {
		// as in Spring MVC code that blocks on a WebClient response
		RunContext.run(RunId.fromString("thread-run"),
				() -> call(client(List.of()), downstream.url("/"), Context.empty()));
		assertThat(downstream.last().runIds()).containsExactly("thread-run");
	}

	@Test
	void prefersTheReactorContextOverTheThread() {
		RunContext.run(RunId.fromString("thread-run"), () -> call(client(List.of()), downstream.url("/"),
				Context.of(RunIdThreadLocalAccessor.KEY, RunId.fromString("context-run"))));
		assertThat(downstream.last().runIds()).containsExactly("context-run");
	}

	@Test
	void sendsNothingWithoutRun() {
		assertThat(call(client(List.of()), downstream.url("/"), Context.empty())).isEqualTo("none");
		assertThat(downstream.last().parentRunIds()).isEmpty();
	}

	@Test
	void keepsHeadersTheRequestSetsItself() {
		String body = client(List.of()).get()
			.uri(downstream.url("/"))
			.header("X-Run-Id", "explicit-run")
			.header("X-Parent-Run-Id", "explicit-parent")
			.retrieve()
			.bodyToMono(String.class)
			.contextWrite(Context.of(RunIdThreadLocalAccessor.KEY, RunId.fromString("inner").withParent(PARENT)))
			.block();
		assertThat(body).isEqualTo("explicit-run");
		assertThat(downstream.last().parentRunIds()).containsExactly("explicit-parent");
	}

	@Test
	void forwardsOnlyToAllowedHosts() {
		Context context = Context.of(RunIdThreadLocalAccessor.KEY, RunId.fromString("allowed-run"));
		WebClient client = client(List.of("localhost", "*.example.com"));
		assertThat(call(client, "http://localhost:" + downstream.port() + "/", context)).isEqualTo("allowed-run");
		assertThat(call(client, downstream.url("/"), context)).isEqualTo("none");
	}

	@Test
	void customizerAddsTheFilterToWebClientBuilders() {
		RunIdExchangeFilterFunction filter = new RunIdExchangeFilterFunction(forwarding(List.of()));
		WebClient.Builder builder = WebClient.builder();
		new RunIdWebClientCustomizer(filter).customize(builder);
		String body = call(builder.build(), downstream.url("/"),
				Context.of(RunIdThreadLocalAccessor.KEY, RunId.fromString("customized-run")));
		assertThat(body).isEqualTo("customized-run");
	}

	private static String call(WebClient client, String url, Context context) {
		return client.get().uri(url).retrieve().bodyToMono(String.class).contextWrite(context).block();
	}

	private static WebClient client(List<String> allowedHosts) {
		return WebClient.builder().filter(new RunIdExchangeFilterFunction(forwarding(allowedHosts))).build();
	}

	private static RunIdForwarding forwarding(List<String> allowedHosts) {
		return new RunIdForwarding("X-Run-Id", "X-Parent-Run-Id", RunIdHostFilter.of(allowedHosts));
	}

}
