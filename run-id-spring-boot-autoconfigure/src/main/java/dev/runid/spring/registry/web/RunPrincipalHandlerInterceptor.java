package dev.runid.spring.registry.web;

import java.security.Principal;

import dev.runid.RunId;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.web.servlet.RunIdServletFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Spring MVC {@link HandlerInterceptor} that records the name of the request's principal
 * as the run's attribute {@code user}. It runs where the handler runs, inside Spring
 * Security's filters, so the request answers {@link HttpServletRequest#getUserPrincipal}
 * with the authenticated principal; requests without one record nothing.
 */
public final class RunPrincipalHandlerInterceptor implements HandlerInterceptor {

	private final RunRecorder recorder;

	/**
	 * Create an interceptor.
	 * @param recorder the recorder of the runs' segments
	 */
	public RunPrincipalHandlerInterceptor(RunRecorder recorder) {
		this.recorder = recorder;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		RunId runId = RunIdServletFilter.runIdOf(request);
		Principal principal = request.getUserPrincipal();
		if (runId != null && principal != null && principal.getName() != null) {
			this.recorder.attribute(runId, "user", principal.getName());
		}
		return true;
	}

}
