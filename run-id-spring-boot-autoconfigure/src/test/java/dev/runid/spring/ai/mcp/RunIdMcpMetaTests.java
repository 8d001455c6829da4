package dev.runid.spring.ai.mcp;

import java.util.HashMap;
import java.util.Map;

import dev.runid.RunId;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a run is merged into the {@code _meta} of an MCP request.
 */
class RunIdMcpMetaTests {

	private final RunId parent = RunId.fromString("parent-1");

	private final RunId child = RunId.fromString("child-1").withParent(this.parent);

	@Test
	void addsTheRunAndItsParentToARequestWithoutMeta() {
		assertThat(RunIdMcpMeta.withRun(null, this.child)).containsExactly(
				Map.entry(RunIdMcpMeta.RUN_ID_KEY, "child-1"), Map.entry(RunIdMcpMeta.PARENT_RUN_ID_KEY, "parent-1"));
	}

	@Test
	void keepsTheRequestsOtherKeysAndLeavesItsMapAlone() {
		Map<String, Object> meta = Map.of("progressToken", 7);
		Map<String, Object> merged = RunIdMcpMeta.withRun(meta, RunId.fromString("run-1"));
		assertThat(merged).containsOnly(Map.entry("progressToken", 7), Map.entry(RunIdMcpMeta.RUN_ID_KEY, "run-1"));
		assertThat(meta).containsOnlyKeys("progressToken");
	}

	@Test
	void aRunTheRequestNamesWinsAndGetsNoParent() {
		Map<String, Object> meta = Map.of(RunIdMcpMeta.RUN_ID_KEY, "own-run");
		assertThat(RunIdMcpMeta.withRun(meta, this.child)).isSameAs(meta);
	}

	@Test
	void aParentTheRequestNamesStays() {
		Map<String, Object> meta = Map.of(RunIdMcpMeta.PARENT_RUN_ID_KEY, "own-parent");
		assertThat(RunIdMcpMeta.withRun(meta, this.child)).containsOnly(Map.entry(RunIdMcpMeta.RUN_ID_KEY, "child-1"),
				Map.entry(RunIdMcpMeta.PARENT_RUN_ID_KEY, "own-parent"));
	}

	@Test
	void aRunKeyWithANullValueIsReplacedByTheRun() {
		Map<String, Object> meta = new HashMap<>();
		meta.put(RunIdMcpMeta.RUN_ID_KEY, null);
		meta.put(RunIdMcpMeta.PARENT_RUN_ID_KEY, null);
		assertThat(RunIdMcpMeta.withRun(meta, this.child)).containsOnly(Map.entry(RunIdMcpMeta.RUN_ID_KEY, "child-1"),
				Map.entry(RunIdMcpMeta.PARENT_RUN_ID_KEY, "parent-1"));
	}

}
