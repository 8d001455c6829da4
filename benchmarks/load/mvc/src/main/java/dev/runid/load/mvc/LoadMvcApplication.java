package dev.runid.load.mvc;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The trivial app of the load comparison: {@code GET /hello} returns a short string.
 * {@code GET /check} shows what a variant puts in the MDC, so that the script can show
 * that each variant does its job. With {@code load.floor=true} the hand-written
 * {@link FloorFilter} is registered.
 */
@SpringBootApplication
@RestController
public class LoadMvcApplication {

	@GetMapping("/hello")
	String hello() {
		return "hello";
	}

	@GetMapping("/check")
	String check() {
		return "runId=" + MDC.get("runId") + " X-Run-Id=" + MDC.get("X-Run-Id") + " traceId=" + MDC.get("traceId")
				+ " floor=" + FloorFilter.CURRENT.get();
	}

	@Bean
	@ConditionalOnBooleanProperty("load.floor")
	FilterRegistrationBean<FloorFilter> floorFilter() {
		FilterRegistrationBean<FloorFilter> registration = new FilterRegistrationBean<>(new FloorFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	public static void main(String[] args) {
		SpringApplication.run(LoadMvcApplication.class, args);
	}

	/**
	 * The floor: the least a filter can do to give a request an ID. Reads the header
	 * (mints a random UUID when there is none, validating nothing), sets a
	 * {@link ThreadLocal} and the MDC, echoes the header, and restores the thread.
	 */
	static final class FloorFilter implements Filter {

		static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			String id = ((HttpServletRequest) request).getHeader("X-Run-Id");
			if (id == null) {
				id = UUID.randomUUID().toString();
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

}
