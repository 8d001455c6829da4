package dev.runid.spring.web.servlet;

import java.util.Map;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.web.RunIdRequestAttributes;

import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.DefaultErrorAttributes;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.WebRequest;

/**
 * {@link DefaultErrorAttributes} that add the request's run as a {@code runId} member to
 * Boot's error responses ({@code /error}).
 */
public class RunIdErrorAttributes extends DefaultErrorAttributes {

	/**
	 * The name of the error attribute: {@value}.
	 */
	public static final String RUN_ID = "runId";

	@Override
	public Map<String, Object> getErrorAttributes(WebRequest webRequest, ErrorAttributeOptions options) {
		Map<String, Object> attributes = super.getErrorAttributes(webRequest, options);
		Object runId = webRequest.getAttribute(RunIdRequestAttributes.RUN_ID, RequestAttributes.SCOPE_REQUEST);
		if (runId == null) {
			runId = RunContext.current().orElse(null);
		}
		if (runId instanceof RunId value) {
			attributes.put(RUN_ID, value.value());
		}
		return attributes;
	}

}
