package dev.runid.spring.client;

import java.io.IOException;

import dev.runid.RunContext;
import dev.runid.RunId;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * OkHttp {@link Interceptor} that sends the run, and its parent, on every request made
 * while a run is current on the thread that runs the interceptor, unless the request
 * already sets the header or its host is not allowed: the same rules as
 * {@link RunIdClientHttpRequestInterceptor}. Spring AI's OpenAI and Anthropic clients
 * (the official SDKs on OkHttp) get it through their HTTP client builder customizers.
 * <p>
 * A call that OkHttp executes synchronously runs the interceptor on the caller's thread,
 * so the caller's run is sent. An asynchronous call runs it on a dispatcher thread, whose
 * run is whatever the dispatcher's executor restored there: such calls should carry the
 * run header already (the run-id advisor of {@code ChatClient} sets it on each request of
 * a streaming chat), which this interceptor then leaves as it is. Thread-safe.
 */
public final class RunIdOkHttpInterceptor implements Interceptor {

	private final RunIdForwarding forwarding;

	/**
	 * Create an interceptor.
	 * @param forwarding what to forward and where
	 */
	public RunIdOkHttpInterceptor(RunIdForwarding forwarding) {
		this.forwarding = forwarding;
	}

	@Override
	public Response intercept(Chain chain) throws IOException {
		Request request = chain.request();
		RunId runId = RunContext.current().orElse(null);
		if (runId == null || !this.forwarding.hosts().allows(request.url().host())) {
			return chain.proceed(request);
		}
		return chain.proceed(forward(request, runId));
	}

	private Request forward(Request request, RunId runId) {
		Request.Builder builder = null;
		String sent = request.header(this.forwarding.headerName());
		if (sent == null) {
			// a run the request already names is the caller's choice: no parent is added
			// to it
			builder = request.newBuilder().header(this.forwarding.headerName(), runId.value());
			sent = runId.value();
			RunId parent = runId.parent().orElse(null);
			if (parent != null && request.header(this.forwarding.parentHeaderName()) == null) {
				builder.header(this.forwarding.parentHeaderName(), parent.value());
			}
		}
		if (this.forwarding.baggage()) {
			builder = (builder != null) ? builder : request.newBuilder();
			String value = RunId.isValid(sent) ? sent : runId.value();
			builder.header(RunIdBaggage.HEADER,
					RunIdBaggage.withEntry(request.headers(RunIdBaggage.HEADER), RunIdForwarding.BAGGAGE_KEY, value)
						.get(0));
		}
		return (builder != null) ? builder.build() : request;
	}

	@Override
	public String toString() {
		return "RunIdOkHttpInterceptor[" + this.forwarding + "]";
	}

}
