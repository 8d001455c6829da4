package dev.runid.it.otelagent;

import java.nio.file.Path;

/**
 * {@link AgentTracingTests} on WebFlux and Reactor Netty: the agent's Netty
 * instrumentation opens the server span, {@code RunIdServerSpanWebFilter} tags it.
 */
class AgentWebFluxTracingTests extends AgentTracingTests {

	@Override
	Path classpath() {
		return Path.of("target/application-webflux.classpath");
	}

}
