package dev.runid.spring.observation;

import java.util.Map;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.web.RunIdRequestAttributes;
import io.micrometer.observation.Observation;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.ClientHttpRequest;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.function.client.ClientRequest;

/**
 * Finds the run of an observation, first found wins: the request's run in the context of
 * Spring's HTTP server observations, the run header of the request in the context of
 * Spring's HTTP client observations, the run under the key {@code RunId.class} of the
 * context (as the {@link RunIdObservationHandler} puts it there when the observation
 * starts), the current run of the calling thread. Each kind of context is looked at only
 * when its classes are on the class path, so that a servlet application needs no WebFlux
 * and the other way round.
 */
final class ObservationRuns {

	private static final ClassLoader classLoader = ObservationRuns.class.getClassLoader();

	private static final boolean servletServer = isPresent(
			"org.springframework.http.server.observation.ServerRequestObservationContext")
			&& isPresent("jakarta.servlet.http.HttpServletRequest");

	private static final boolean reactiveServer = isPresent(
			"org.springframework.http.server.reactive.observation.ServerRequestObservationContext")
			&& isPresent("reactor.core.publisher.Mono");

	private static final boolean httpClient = isPresent(
			"org.springframework.http.client.observation.ClientRequestObservationContext");

	private static final boolean webClient = isPresent(
			"org.springframework.web.reactive.function.client.ClientRequestObservationContext");

	private final String headerName;

	private final String parentHeaderName;

	ObservationRuns(String headerName, String parentHeaderName) {
		this.headerName = headerName;
		this.parentHeaderName = parentHeaderName;
	}

	/**
	 * The run of an observation.
	 * @param context the observation's context
	 * @return the run, or {@code null} if it has none
	 */
	@Nullable RunId runOf(Observation.Context context) {
		RunId runId = null;
		if (servletServer) {
			runId = ServletServer.runOf(context);
		}
		if (runId == null && reactiveServer) {
			runId = ReactiveServer.runOf(context);
		}
		if (runId == null && httpClient) {
			runId = HttpClient.runOf(context, this.headerName, this.parentHeaderName);
		}
		if (runId == null && webClient) {
			runId = WebClientExchange.runOf(context, this.headerName, this.parentHeaderName);
		}
		if (runId == null && context.get(RunId.class) instanceof RunId started) {
			runId = started;
		}
		return (runId != null) ? runId : RunContext.current().orElse(null);
	}

	private static boolean isPresent(String className) {
		return ClassUtils.isPresent(className, classLoader);
	}

	@Override
	public String toString() {
		return "headers " + this.headerName + ", " + this.parentHeaderName;
	}

	private static final class ServletServer {

		static @Nullable RunId runOf(Observation.Context context) {
			if (context instanceof org.springframework.http.server.observation.ServerRequestObservationContext server) {
				HttpServletRequest request = server.getCarrier();
				return (request != null && request.getAttribute(RunIdRequestAttributes.RUN_ID) instanceof RunId runId)
						? runId : null;
			}
			return null;
		}

	}

	private static final class ReactiveServer {

		static @Nullable RunId runOf(Observation.Context context) {
			if (context instanceof org.springframework.http.server.reactive.observation.ServerRequestObservationContext server) {
				Map<String, Object> attributes = server.getAttributes();
				return (attributes.get(RunIdRequestAttributes.RUN_ID) instanceof RunId runId) ? runId : null;
			}
			return null;
		}

	}

	private static final class HttpClient {

		static @Nullable RunId runOf(Observation.Context context, String headerName, String parentHeaderName) {
			if (context instanceof org.springframework.http.client.observation.ClientRequestObservationContext client) {
				ClientHttpRequest request = client.getCarrier();
				return (request != null) ? RequestHeaders.runOf(request.getHeaders(), headerName, parentHeaderName)
						: null;
			}
			return null;
		}

	}

	private static final class WebClientExchange {

		static @Nullable RunId runOf(Observation.Context context, String headerName, String parentHeaderName) {
			if (context instanceof org.springframework.web.reactive.function.client.ClientRequestObservationContext client) {
				ClientRequest request = client.getRequest();
				return (request != null) ? RequestHeaders.runOf(request.headers(), headerName, parentHeaderName) : null;
			}
			return null;
		}

	}

	private static final class RequestHeaders {

		/**
		 * The run that an outbound request sends, as forwarded by the run-id client
		 * integrations (or set by the caller).
		 */
		static @Nullable RunId runOf(HttpHeaders headers, String headerName, String parentHeaderName) {
			String value = headers.getFirst(headerName);
			if (!RunId.isValid(value)) {
				return null;
			}
			String parent = headers.getFirst(parentHeaderName);
			return RunId.fromString(value).withParent(RunId.isValid(parent) ? RunId.fromString(parent) : null);
		}

	}

}
