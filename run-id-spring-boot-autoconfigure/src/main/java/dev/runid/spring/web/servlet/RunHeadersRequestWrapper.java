package dev.runid.spring.web.servlet;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

import dev.runid.RunId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.jspecify.annotations.Nullable;

/**
 * A request whose run headers carry the request's run: the run header its value, the
 * parent header its parent's value or nothing when the run has none. Every other header
 * is the wrapped request's.
 */
final class RunHeadersRequestWrapper extends HttpServletRequestWrapper {

	private final String headerName;

	private final String parentHeaderName;

	private final String value;

	private final @Nullable String parentValue;

	RunHeadersRequestWrapper(HttpServletRequest request, String headerName, String parentHeaderName, RunId runId) {
		super(request);
		this.headerName = headerName;
		this.parentHeaderName = parentHeaderName;
		this.value = runId.value();
		this.parentValue = runId.parent().map(RunId::value).orElse(null);
	}

	@Override
	public @Nullable String getHeader(String name) {
		if (this.headerName.equalsIgnoreCase(name)) {
			return this.value;
		}
		if (this.parentHeaderName.equalsIgnoreCase(name)) {
			return this.parentValue;
		}
		return super.getHeader(name);
	}

	@Override
	public Enumeration<String> getHeaders(String name) {
		if (this.headerName.equalsIgnoreCase(name)) {
			return Collections.enumeration(List.of(this.value));
		}
		if (this.parentHeaderName.equalsIgnoreCase(name)) {
			return (this.parentValue != null) ? Collections.enumeration(List.of(this.parentValue))
					: Collections.emptyEnumeration();
		}
		return super.getHeaders(name);
	}

	@Override
	public Enumeration<String> getHeaderNames() {
		List<String> names = new ArrayList<>();
		Enumeration<String> wrapped = super.getHeaderNames();
		while (wrapped != null && wrapped.hasMoreElements()) {
			String name = wrapped.nextElement();
			if (!this.headerName.equalsIgnoreCase(name) && !this.parentHeaderName.equalsIgnoreCase(name)) {
				names.add(name);
			}
		}
		names.add(this.headerName);
		if (this.parentValue != null) {
			names.add(this.parentHeaderName);
		}
		return Collections.enumeration(names);
	}

}
