package dev.runid.spring.ai.mcp;

import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Decorates the tool, resource, resource template and prompt specifications from which
 * Spring AI's MCP server starter builds its server (beans of a specification type, and
 * lists of them, as the starter makes from {@code @McpTool} methods and
 * {@code ToolCallback}s) with {@link RunIdMcpServerSpecifications}, so that each call
 * runs in the caller's run. The MCP Java SDK has no hook around its handlers.
 */
public final class RunIdMcpServerSpecificationPostProcessor implements BeanPostProcessor {

	private final ObjectProvider<RunIdMcpServerSpecifications> specifications;

	/**
	 * Create the post-processor.
	 * @param specifications the decorator, looked up when the first specification is
	 * created
	 */
	public RunIdMcpServerSpecificationPostProcessor(ObjectProvider<RunIdMcpServerSpecifications> specifications) {
		this.specifications = specifications;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof List<?> list) {
			return decorate(list);
		}
		if (bean.getClass().getName().startsWith("io.modelcontextprotocol.server.McpServerFeatures$")) {
			return this.specifications.getObject().decorate(bean);
		}
		return bean;
	}

	private Object decorate(List<?> list) {
		List<Object> decorated = null;
		for (int i = 0; i < list.size(); i++) {
			Object element = list.get(i);
			if (element == null || !element.getClass().getName().startsWith("io.modelcontextprotocol.server.")) {
				return list;
			}
			Object replacement = this.specifications.getObject().decorate(element);
			if (replacement != element && decorated == null) {
				decorated = new ArrayList<>(list.subList(0, i));
			}
			if (decorated != null) {
				decorated.add(replacement);
			}
		}
		return (decorated != null) ? decorated : list;
	}

}
