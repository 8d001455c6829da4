package dev.runid.spring.ai.mcp;

import java.util.ArrayList;
import java.util.List;

import org.springframework.ai.mcp.client.common.autoconfigure.NamedClientMcpTransport;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Decorates the MCP client transports that Spring AI's MCP client starter builds (beans
 * of type {@code List<NamedClientMcpTransport>}: STDIO, SSE, Streamable HTTP) with
 * {@link RunIdMcpClientTransport}, before the starter builds its clients from them.
 */
public final class RunIdMcpClientTransportPostProcessor implements BeanPostProcessor {

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (!(bean instanceof List<?> list) || list.isEmpty()) {
			return bean;
		}
		for (Object element : list) {
			if (!(element instanceof NamedClientMcpTransport)) {
				return bean;
			}
		}
		List<NamedClientMcpTransport> decorated = new ArrayList<>(list.size());
		for (Object element : list) {
			NamedClientMcpTransport named = (NamedClientMcpTransport) element;
			decorated.add((named.transport() instanceof RunIdMcpClientTransport) ? named
					: new NamedClientMcpTransport(named.name(), new RunIdMcpClientTransport(named.transport())));
		}
		return decorated;
	}

}
