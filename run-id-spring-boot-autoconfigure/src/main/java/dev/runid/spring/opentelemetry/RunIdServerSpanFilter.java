package dev.runid.spring.opentelemetry;

import java.io.IOException;

import dev.runid.RunId;
import dev.runid.spring.web.RunIdRequestAttributes;
import dev.runid.spring.web.servlet.RunIdServletFilter;
import io.opentelemetry.api.trace.Span;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;

/**
 * Servlet filter that puts the request's run on the current OpenTelemetry span, as the
 * attributes {@code run.id} and {@code run.parent.id}. It is for server spans that start
 * before any filter, as those of the OpenTelemetry Java agent do (it bridges the
 * application's OpenTelemetry API to its own SDK); spans that start inside a run get the
 * run from {@link RunIdSpanProcessor} where the SDK is in the application.
 * <p>
 * Register it after {@link RunIdServletFilter}, at {@link #ORDER}; the auto-configuration
 * does. A span that is not recording (not sampled, or no OpenTelemetry at all) costs one
 * look-up of the current span.
 */
public final class RunIdServerSpanFilter implements Filter {

	/**
	 * The order of the filter: right after {@link RunIdServletFilter#ORDER} and the
	 * server filters of Micrometer and of the OpenTelemetry starter.
	 */
	public static final int ORDER = RunIdServletFilter.ORDER + 2;

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		if (request.getAttribute(RunIdRequestAttributes.RUN_ID) instanceof RunId runId) {
			Span span = Span.current();
			if (span.isRecording()) {
				span.setAttribute(RunSpanAttributes.RUN_ID, runId.value());
				runId.parent()
					.ifPresent((parent) -> span.setAttribute(RunSpanAttributes.PARENT_RUN_ID, parent.value()));
			}
		}
		chain.doFilter(request, response);
	}

}
