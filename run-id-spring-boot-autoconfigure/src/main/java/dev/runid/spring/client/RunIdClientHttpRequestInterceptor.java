package dev.runid.spring.client;

import java.io.IOException;

import dev.runid.RunContext;
import dev.runid.RunId;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * {@link ClientHttpRequestInterceptor} for {@code RestClient} and {@code RestTemplate}
 * that sends the current run, and its parent, on every request made while a run is
 * current, unless the request already sets the header or its host is not allowed.
 */
public final class RunIdClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

	private final RunIdForwarding forwarding;

	/**
	 * Create an interceptor.
	 * @param forwarding what to forward and where
	 */
	public RunIdClientHttpRequestInterceptor(RunIdForwarding forwarding) {
		this.forwarding = forwarding;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		RunId runId = RunContext.current().orElse(null);
		if (runId != null) {
			this.forwarding.apply(runId, request.getURI(), request.getHeaders());
		}
		return execution.execute(request, body);
	}

	@Override
	public String toString() {
		return "RunIdClientHttpRequestInterceptor[" + this.forwarding + "]";
	}

}
