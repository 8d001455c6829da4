package dev.runid.spring.cloud;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import feign.RequestInterceptor;
import feign.RequestTemplate;
import feign.Target;
import org.jspecify.annotations.Nullable;

/**
 * Feign {@link RequestInterceptor} that sends the current run, and its parent, on every
 * request of a Feign client made while a run is current, with the rules of the other HTTP
 * clients: a header the request already sets wins, and only allowed hosts get the run.
 * The host is that of the client's target URL: for a load-balanced client, its service
 * ID.
 */
public final class RunIdFeignRequestInterceptor implements RequestInterceptor {

	private final RunIdForwarding forwarding;

	/**
	 * Create an interceptor.
	 * @param forwarding what to forward and where
	 */
	public RunIdFeignRequestInterceptor(RunIdForwarding forwarding) {
		this.forwarding = forwarding;
	}

	@Override
	public void apply(RequestTemplate template) {
		RunId runId = RunContext.current().orElse(null);
		if (runId == null) {
			return;
		}
		Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		template.headers().forEach((name, values) -> headers.put(name, new ArrayList<>(values)));
		this.forwarding.apply(runId, host(template), headers);
		headers.forEach((name, values) -> {
			Collection<String> sent = template.headers().get(name);
			if (sent == null || !Objects.equals(new ArrayList<>(sent), values)) {
				// literal: a header value is no Feign template expression
				template.removeHeader(name);
				template.headerLiteral(name, values);
			}
		});
	}

	private static @Nullable String host(RequestTemplate template) {
		Target<?> target = template.feignTarget();
		// a URI argument of the method makes the template's URL absolute: its host is the
		// one the request goes to; otherwise the request goes to the target's
		String host = RunIdHostFilter.hostOf(template.url());
		return (host != null || target == null) ? host : RunIdHostFilter.hostOf(target.url());
	}

	@Override
	public String toString() {
		return "RunIdFeignRequestInterceptor[" + this.forwarding + "]";
	}

}
