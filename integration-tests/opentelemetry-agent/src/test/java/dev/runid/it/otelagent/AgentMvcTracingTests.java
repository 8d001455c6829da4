package dev.runid.it.otelagent;

import java.nio.file.Path;

/**
 * {@link AgentTracingTests} on Spring MVC and Tomcat: the agent's Tomcat instrumentation
 * opens the server span, {@code RunIdServerSpanFilter} tags it.
 */
class AgentMvcTracingTests extends AgentTracingTests {

	@Override
	Path classpath() {
		return Path.of("target/application-mvc.classpath");
	}

}
