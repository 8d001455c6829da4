package dev.runid.it.mcp;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.ai.mcp.RunIdMcpMeta;
import dev.runid.spring.ai.mcp.RunIdMcpServerSpecificationPostProcessor;
import dev.runid.spring.ai.mcp.RunIdMcpServerSpecifications;
import dev.runid.spring.autoconfigure.RunIdAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdMcpServerAutoConfiguration;
import dev.runid.spring.autoconfigure.RunIdRegistryAutoConfiguration;
import dev.runid.spring.registry.RunRecorder;
import dev.runid.spring.registry.RunRegistry;
import dev.runid.spring.web.RunIdInboundResolver;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link RunIdMcpServerAutoConfiguration}: the specifications an MCP server is built from
 * run their handlers in the caller's run.
 */
class RunIdMcpServerAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdMcpServerAutoConfiguration.class))
		.withUserConfiguration(Specifications.class);

	@Test
	void defaultBeans() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(RunIdMcpServerSpecifications.class)
			.hasSingleBean(RunIdMcpServerSpecificationPostProcessor.class));
	}

	@Test
	void toolRunsInTheRunOfItsMetaAndLeavesNothingOnTheThread() {
		this.runner.run((context) -> {
			McpSchema.CallToolResult result = syncTool(context).callHandler()
				.apply(null, request(
						Map.of(RunIdMcpMeta.RUN_ID_KEY, "agent-run", RunIdMcpMeta.PARENT_RUN_ID_KEY, "parent-run")));
			assertThat(text(result)).isEqualTo("agent-run<parent-run");
			assertThat(RunContext.current()).isEmpty();
		});
	}

	@Test
	void metaWinsOverTheRunCurrentWhereTheRequestArrived() {
		this.runner.run((context) -> {
			try (RunContext scope = RunContext.enter(RunId.fromString("header-run"))) {
				McpSchema.CallToolResult result = syncTool(context).callHandler()
					.apply(null, request(Map.of(RunIdMcpMeta.RUN_ID_KEY, "meta-run")));
				assertThat(text(result)).isEqualTo("meta-run<none");
				assertThat(RunContext.current()).contains(RunId.fromString("header-run"));
			}
		});
	}

	@Test
	void withoutMetaTheRunCurrentWhereTheRequestArrivedIsUsed() {
		this.runner.run((context) -> {
			try (RunContext scope = RunContext.enter(RunId.fromString("header-run"))) {
				assertThat(text(syncTool(context).callHandler().apply(null, request(null))))
					.isEqualTo("header-run<none");
			}
		});
	}

	@Test
	void withoutAnyRunTheCallGetsAFreshOne() {
		this.runner.run((context) -> {
			String first = text(syncTool(context).callHandler().apply(null, request(null)));
			String second = text(syncTool(context).callHandler().apply(null, request(null)));
			assertThat(first).endsWith("<none").isNotEqualTo(second);
			assertThat(RunId.isValid(first.substring(0, first.indexOf('<')))).isTrue();
		});
	}

	@Test
	void asyncToolRunsInTheRunOfItsMeta() {
		this.runner.run((context) -> {
			McpServerFeatures.AsyncToolSpecification tool = context
				.getBean(McpServerFeatures.AsyncToolSpecification.class);
			McpSchema.CallToolResult result = tool.callHandler()
				.apply(null, request(Map.of(RunIdMcpMeta.RUN_ID_KEY, "async-run")))
				.block();
			assertThat(text(result)).isEqualTo("async-run<none");
			assertThat(RunContext.current()).isEmpty();
		});
	}

	@Test
	void resourceAndPromptRunInTheRunOfTheirMeta() {
		this.runner.run((context) -> {
			McpServerFeatures.SyncResourceSpecification resource = context
				.getBean(McpServerFeatures.SyncResourceSpecification.class);
			McpServerFeatures.SyncPromptSpecification prompt = context
				.getBean(McpServerFeatures.SyncPromptSpecification.class);
			McpSchema.ReadResourceResult read = resource.readHandler()
				.apply(null, new McpSchema.ReadResourceRequest("run://current",
						Map.of(RunIdMcpMeta.RUN_ID_KEY, "resource-run")));
			McpSchema.GetPromptResult got = prompt.promptHandler()
				.apply(null, new McpSchema.GetPromptRequest("run-prompt", Map.of(),
						Map.of(RunIdMcpMeta.RUN_ID_KEY, "prompt-run")));
			assertThat(((McpSchema.TextResourceContents) read.contents().get(0)).text()).isEqualTo("resource-run");
			assertThat(got.description()).isEqualTo("prompt-run");
		});
	}

	@Test
	void callsRecordRegistrySegmentsOfKindMcpNamedAfterWhatRuns() {
		this.runner.withConfiguration(AutoConfigurations.of(RunIdRegistryAutoConfiguration.class)).run((context) -> {
			syncTool(context).callHandler().apply(null, request(Map.of(RunIdMcpMeta.RUN_ID_KEY, "sync-segment-run")));
			context.getBean(McpServerFeatures.AsyncToolSpecification.class)
				.callHandler()
				.apply(null, request(Map.of(RunIdMcpMeta.RUN_ID_KEY, "async-segment-run")))
				.block();
			context.getBean(McpServerFeatures.SyncPromptSpecification.class)
				.promptHandler()
				.apply(null, new McpSchema.GetPromptRequest("run-prompt", Map.of(),
						Map.of(RunIdMcpMeta.RUN_ID_KEY, "prompt-segment-run")));
			RunRegistry registry = context.getBean(RunRegistry.class);
			assertThat(registry.find("sync-segment-run"))
				.hasValueSatisfying((run) -> assertThat(run.segments()).singleElement()
					.satisfies((segment) -> assertThat(segment.kind() + " " + segment.name()).isEqualTo("mcp whoami")));
			assertThat(registry.find("async-segment-run"))
				.hasValueSatisfying((run) -> assertThat(run.segments()).singleElement()
					.satisfies((segment) -> assertThat(segment.kind() + " " + segment.name()).isEqualTo("mcp whoami")));
			assertThat(registry.find("prompt-segment-run")).hasValueSatisfying((run) -> assertThat(run.segments())
				.singleElement()
				.satisfies((segment) -> assertThat(segment.kind() + " " + segment.name()).isEqualTo("mcp run-prompt")));
		});
	}

	@Test
	void callInTheRunOfItsHttpRequestDescribesTheRequestsSegment() {
		this.runner.withConfiguration(AutoConfigurations.of(RunIdRegistryAutoConfiguration.class)).run((context) -> {
			RunRecorder recorder = context.getBean(RunRecorder.class);
			RunId run = RunId.fromString("http-carried-run");
			// as run-id's request filters do
			recorder.announce(run, "http", "POST");
			try (RunContext scope = RunContext.enter(run)) {
				assertThat(recorder.claim(run)).isNotNull();
				syncTool(context).callHandler().apply(null, request(Map.of(RunIdMcpMeta.RUN_ID_KEY, run.value())));
			}
			assertThat(context.getBean(RunRegistry.class).find(run.value()))
				.hasValueSatisfying((record) -> assertThat(record.segments()).singleElement()
					.satisfies((segment) -> assertThat(segment.kind() + " " + segment.name()).isEqualTo("mcp whoami")));
		});
	}

	@Test
	void callInARunActiveForOtherWorkAddsToThatWork() {
		this.runner.withConfiguration(AutoConfigurations.of(RunIdRegistryAutoConfiguration.class)).run((context) -> {
			RunRecorder recorder = context.getBean(RunRecorder.class);
			RunId run = RunId.fromString("job-run");
			recorder.announce(run, "scheduled", "NightlyJob.run");
			try (RunContext scope = RunContext.enter(run)) {
				assertThat(recorder.claim(run)).isNotNull();
				syncTool(context).callHandler().apply(null, request(Map.of(RunIdMcpMeta.RUN_ID_KEY, run.value())));
			}
			assertThat(context.getBean(RunRegistry.class).find(run.value()))
				.hasValueSatisfying((record) -> assertThat(record.segments()).singleElement()
					.satisfies((segment) -> assertThat(segment.kind() + " " + segment.name())
						.isEqualTo("scheduled NightlyJob.run")));
		});
	}

	@Test
	void invalidMetaIsRejectedWhenInvalidValuesAreRejected() {
		this.runner.withPropertyValues("run-id.inbound.on-invalid=reject").run((context) -> {
			Specifications.calls.set(null);
			assertThatExceptionOfType(McpError.class)
				.isThrownBy(() -> syncTool(context).callHandler()
					.apply(null, request(Map.of(RunIdMcpMeta.RUN_ID_KEY, "bad value"))))
				.satisfies((error) -> assertThat(error.getJsonRpcError().code())
					.isEqualTo(McpSchema.ErrorCodes.INVALID_PARAMS));
			assertThat(Specifications.calls).hasValue(null);
		});
	}

	@Test
	void backsOffForAUserDecorator() {
		RunIdMcpServerSpecifications own = new RunIdMcpServerSpecifications(
				new RunIdInboundResolver(() -> "own-run", "a", "b", true, false));
		this.runner.withBean(RunIdMcpServerSpecifications.class, () -> own).run((context) -> {
			assertThat(context.getBean(RunIdMcpServerSpecifications.class)).isSameAs(own);
			assertThat(text(syncTool(context).callHandler().apply(null, request(null)))).isEqualTo("own-run<none");
		});
	}

	@Test
	void switchedOffByRunIdMcpEnabled() {
		this.runner.withPropertyValues("run-id.mcp.enabled=false").run(RunIdMcpServerAutoConfigurationTests::isOff);
	}

	@Test
	void switchedOffByRunIdEnabled() {
		this.runner.withPropertyValues("run-id.enabled=false").run(RunIdMcpServerAutoConfigurationTests::isOff);
	}

	@Test
	void backsOffWithoutTheMcpSdk() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RunIdAutoConfiguration.class, RunIdMcpServerAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(McpServerFeatures.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(RunIdMcpServerSpecifications.class)
				.doesNotHaveBean(RunIdMcpServerSpecificationPostProcessor.class));
	}

	private static void isOff(AssertableApplicationContext context) {
		assertThat(context).doesNotHaveBean(RunIdMcpServerSpecifications.class)
			.doesNotHaveBean(RunIdMcpServerSpecificationPostProcessor.class);
		assertThat(text(
				syncTool(context).callHandler().apply(null, request(Map.of(RunIdMcpMeta.RUN_ID_KEY, "ignored-run")))))
			.isEqualTo("none<none");
	}

	@SuppressWarnings("unchecked")
	private static McpServerFeatures.SyncToolSpecification syncTool(AssertableApplicationContext context) {
		return ((List<McpServerFeatures.SyncToolSpecification>) context.getBean("toolSpecs", List.class)).get(0);
	}

	private static McpSchema.CallToolRequest request(Map<String, Object> meta) {
		return McpSchema.CallToolRequest.builder("whoami").arguments(Map.of()).meta(meta).build();
	}

	private static String text(McpSchema.CallToolResult result) {
		return ((McpSchema.TextContent) result.content().get(0)).text();
	}

	private static String current() {
		RunId runId = RunContext.current().orElse(null);
		return (runId != null) ? runId.value() + "<" + runId.parent().map(RunId::value).orElse("none") : "none<none";
	}

	@Configuration(proxyBeanMethods = false)
	static class Specifications {

		static final AtomicReference<String> calls = new AtomicReference<>();

		private static final McpSchema.Tool tool = McpSchema.Tool.builder("whoami", Map.of("type", "object")).build();

		@Bean
		List<McpServerFeatures.SyncToolSpecification> toolSpecs() {
			return List.of(new McpServerFeatures.SyncToolSpecification(tool, (exchange, request) -> {
				calls.set(current());
				return McpSchema.CallToolResult.builder().addTextContent(current()).build();
			}));
		}

		@Bean
		McpServerFeatures.AsyncToolSpecification asyncToolSpec() {
			return new McpServerFeatures.AsyncToolSpecification(tool, (exchange, request) -> Mono
				.fromSupplier(() -> McpSchema.CallToolResult.builder().addTextContent(current()).build()));
		}

		@Bean
		McpServerFeatures.SyncResourceSpecification resourceSpec() {
			return new McpServerFeatures.SyncResourceSpecification(
					McpSchema.Resource.builder().uri("run://current").name("current-run").build(),
					(exchange, request) -> new McpSchema.ReadResourceResult(List.of(new McpSchema.TextResourceContents(
							"run://current", "text/plain", RunContext.current().map(RunId::value).orElse("none")))));
		}

		@Bean
		McpServerFeatures.SyncPromptSpecification promptSpec() {
			return new McpServerFeatures.SyncPromptSpecification(
					new McpSchema.Prompt("run-prompt", "the run", List.of()),
					(exchange, request) -> new McpSchema.GetPromptResult(
							RunContext.current().map(RunId::value).orElse("none"), List.of()));
		}

	}

}
