package dev.runid.spring.web.reactive;

import dev.runid.RunId;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.util.ClassUtils;

/**
 * Writes the run into the run headers of Reactor Netty's own request, in place: Spring's
 * request reads its headers straight from Netty's, so what reads them after the filter
 * sees the run, and no request or exchange is copied and decorated for it (a copy costs
 * every request that mints its run about 1 KB and a few microseconds). Only for the
 * server's own request, as the server made it: a request that a filter before this one
 * mutated has headers of its own, and the filter mutates it again instead.
 */
final class ReactorNettyRunHeaders {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils
		.isPresent("reactor.netty.http.server.HttpServerRequest", ReactorNettyRunHeaders.class.getClassLoader());

	/**
	 * The class of Spring's request on Reactor Netty, compared by name: it is package
	 * private, and a native image need not keep it for reflection.
	 */
	private static final String SERVER_REQUEST = "org.springframework.http.server.reactive.ReactorServerHttpRequest";

	private ReactorNettyRunHeaders() {
	}

	/**
	 * Write the run into the request's run headers if the request is Reactor Netty's own.
	 * @param request the request
	 * @param headerName the name of the run header
	 * @param parentHeaderName the name of the parent run header
	 * @param runId the run, with its parent if it has one
	 * @return whether the headers were written; when not, the request is left as it was
	 */
	static boolean write(ServerHttpRequest request, String headerName, String parentHeaderName, RunId runId) {
		if (!REACTOR_NETTY_PRESENT || !SERVER_REQUEST.equals(request.getClass().getName())) {
			return false;
		}
		HttpServerRequest nativeRequest = ((AbstractServerHttpRequest) request).getNativeRequest();
		io.netty.handler.codec.http.HttpHeaders headers = nativeRequest.requestHeaders();
		RunId parent = runId.parent().orElse(null);
		try {
			headers.set(headerName, runId.value());
			if (parent != null) {
				headers.set(parentHeaderName, parent.value());
			}
			else {
				headers.remove(parentHeaderName);
			}
		}
		catch (UnsupportedOperationException ex) {
			// read-only headers: the filter mutates the request instead, which sets both
			return false;
		}
		return true;
	}

}
