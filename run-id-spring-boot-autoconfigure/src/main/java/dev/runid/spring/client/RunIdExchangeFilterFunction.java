package dev.runid.spring.client;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunIdThreadLocalAccessor;
import dev.runid.spring.reactor.RunIdReactor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.util.context.ContextView;

import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

/**
 * {@link ExchangeFilterFunction} for {@code WebClient} that sends the run, and its
 * parent, on every request, unless the request already sets the header or its host is not
 * allowed. The run is read when the request is subscribed: from the subscriber's Reactor
 * {@code Context} (as written by the run-id {@code WebFilter}), else from
 * {@link RunContext#current()} on the subscribing thread (as in Spring MVC code that
 * blocks on the response). No header is sent when neither has a run.
 * <p>
 * Inside a run, the response and its body are delivered with the run current
 * ({@link RunIdReactor#restore}), so that callbacks on the response see it on the
 * connection's thread; with Reactor's automatic context propagation on, Reactor does that
 * itself.
 */
public final class RunIdExchangeFilterFunction implements ExchangeFilterFunction {

	private final RunIdForwarding forwarding;

	/**
	 * Create a filter function.
	 * @param forwarding what to forward and where
	 */
	public RunIdExchangeFilterFunction(RunIdForwarding forwarding) {
		this.forwarding = forwarding;
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		return Mono.deferContextual((context) -> {
			RunId runId = runOf(context);
			if (runId == null) {
				return next.exchange(request);
			}
			if (Hooks.isAutomaticContextPropagationEnabled()) {
				// Reactor restores the run where the response arrives: no response copy
				return next.exchange(forward(request, runId));
			}
			return RunIdReactor.restore(next.exchange(forward(request, runId)), runId)
				.map((response) -> withRunOnBody(response, runId));
		});
	}

	private static ClientResponse withRunOnBody(ClientResponse response, RunId runId) {
		return response.mutate().body((body) -> RunIdReactor.restore(body, runId)).build();
	}

	private static @Nullable RunId runOf(ContextView context) {
		Object runId = context.getOrDefault(RunIdThreadLocalAccessor.KEY, null);
		return (runId instanceof RunId value) ? value : RunContext.current().orElse(null);
	}

	private ClientRequest forward(ClientRequest request, RunId runId) {
		if (!this.forwarding.hosts().allows(request.url().getHost())) {
			return request;
		}
		return ClientRequest.from(request)
			.headers((headers) -> this.forwarding.apply(runId, request.url(), headers))
			.build();
	}

	@Override
	public String toString() {
		return "RunIdExchangeFilterFunction[" + this.forwarding + "]";
	}

}
