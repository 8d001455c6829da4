package dev.runid.benchmarks;

import java.io.IOException;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

/**
 * The floor: the least a servlet filter can do to give a request an ID. It reads the
 * header (mints a random UUID when there is none, without validating anything), sets a
 * {@link ThreadLocal} and the MDC, echoes the header and restores the thread afterwards.
 */
final class FloorServletFilter implements Filter {

	static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

	@Override
	public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		String id = ((HttpServletRequest) request).getHeader("X-Run-Id");
		if (id == null) {
			id = java.util.UUID.randomUUID().toString();
		}
		((HttpServletResponse) response).setHeader("X-Run-Id", id);
		CURRENT.set(id);
		MDC.put("runId", id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove("runId");
			CURRENT.remove();
		}
	}

}
