package dev.runid.spring.web;

import dev.runid.RunId;

/**
 * Names of the request attributes in which run-id's servlet filter and WebFlux filter
 * keep the request's run, for code of other concerns (observations, spans, error
 * responses, gateways) that reads them without depending on either web stack.
 */
public final class RunIdRequestAttributes {

	/**
	 * The attribute of a servlet request and of a WebFlux exchange that holds the
	 * request's {@link RunId}: {@value}.
	 */
	public static final String RUN_ID = "dev.runid.spring.web.RunIdRequestAttributes.RUN_ID";

	private RunIdRequestAttributes() {
	}

}
