package dev.runid.spring.langchain4j;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import org.jspecify.annotations.Nullable;

/**
 * LangChain4j {@link HttpClient} that sends the current run, and its parent, on every
 * request made while a run is current, unless the request already sets the header or its
 * host is not allowed. The run is read on the thread that calls {@code execute}, which is
 * the caller's thread for blocking and for streaming calls; the events of a streaming
 * response are delivered with that run current, so that what the listener does with them
 * (a tool call, the next request of the conversation) stays in the run.
 */
final class RunIdHttpClient implements HttpClient {

	private final HttpClient delegate;

	RunIdHttpClient(HttpClient delegate) {
		this.delegate = delegate;
	}

	@Override
	public SuccessfulHttpResponse execute(HttpRequest request) {
		RunId runId = RunContext.current().orElse(null);
		RunIdLangChain4jForwarding application = RunIdLangChain4jForwarding.current();
		if (runId == null || application == null) {
			return this.delegate.execute(request);
		}
		return this.delegate.execute(forward(request, runId, application.forwarding()));
	}

	@Override
	public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
		RunId runId = RunContext.current().orElse(null);
		RunIdLangChain4jForwarding application = RunIdLangChain4jForwarding.current();
		if (runId == null || application == null) {
			this.delegate.execute(request, parser, listener);
			return;
		}
		this.delegate.execute(forward(request, runId, application.forwarding()), parser,
				new InRunListener(listener, runId));
	}

	private static HttpRequest forward(HttpRequest request, RunId runId, @Nullable RunIdForwarding forwarding) {
		if (forwarding == null) {
			return request;
		}
		String host = RunIdHostFilter.hostOf(request.url());
		if (!forwarding.hosts().allows(host)) {
			return request;
		}
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.putAll(request.headers());
		forwarding.apply(runId, host, headers);
		// the URL already carries the query parameters
		return HttpRequest.builder()
			.method(request.method())
			.url(request.url())
			.headers(headers)
			.formDataFields(request.formDataFields())
			.formDataFiles(request.formDataFiles())
			.body(request.body())
			.build();
	}

	@Override
	public String toString() {
		return "RunIdHttpClient[" + this.delegate + "]";
	}

	/**
	 * Delivers the events of a streaming response with the run of its request current on
	 * the thread of the HTTP client.
	 */
	private static final class InRunListener implements ServerSentEventListener {

		private final ServerSentEventListener delegate;

		private final RunId runId;

		InRunListener(ServerSentEventListener delegate, RunId runId) {
			this.delegate = delegate;
			this.runId = runId;
		}

		@Override
		public void onOpen(SuccessfulHttpResponse response) {
			try (RunContext scope = RunContext.enter(this.runId)) {
				this.delegate.onOpen(response);
			}
		}

		@Override
		public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
			try (RunContext scope = RunContext.enter(this.runId)) {
				this.delegate.onEvent(event, context);
			}
		}

		@Override
		public void onEvent(ServerSentEvent event) {
			try (RunContext scope = RunContext.enter(this.runId)) {
				this.delegate.onEvent(event);
			}
		}

		@Override
		public void onError(Throwable throwable) {
			try (RunContext scope = RunContext.enter(this.runId)) {
				this.delegate.onError(throwable);
			}
		}

		@Override
		public void onClose() {
			try (RunContext scope = RunContext.enter(this.runId)) {
				this.delegate.onClose();
			}
		}

	}

}
