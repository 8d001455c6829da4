package dev.runid;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RunContextAttributeTests {

	private final List<String> seen = new ArrayList<>();

	private final RunListener listener = new RunListener() {

		@Override
		public void entered(RunId runId) {
		}

		@Override
		public void exited(RunId runId) {
		}

		@Override
		public void attributeSet(RunId runId, String key, String value) {
			RunContextAttributeTests.this.seen.add(runId + " " + key + "=" + value);
		}

	};

	@Test
	void listenersAreToldOfAttributesOfTheCurrentRun() throws Exception {
		try (AutoCloseable registration = RunContext.addListener(this.listener)) {
			RunContext.run(RunId.fromString("run-a"), () -> RunContext.setAttribute("order.id_1-x", "42"));
		}
		assertThat(this.seen).containsExactly("run-a order.id_1-x=42");
	}

	@Test
	void settingAnAttributeWithoutARunFails() throws Exception {
		try (AutoCloseable registration = RunContext.addListener(this.listener)) {
			assertThatIllegalStateException().isThrownBy(() -> RunContext.setAttribute("order", "42"))
				.withMessageContaining("No run is current");
		}
		assertThat(this.seen).isEmpty();
	}

	@Test
	void keysOutsideTheRuleAreRejectedAndShownEscaped() throws Exception {
		try (AutoCloseable registration = RunContext.addListener(this.listener)) {
			RunContext.run(RunId.fromString("run-b"), () -> {
				assertThatIllegalArgumentException().isThrownBy(() -> RunContext.setAttribute("", "v"));
				assertThatIllegalArgumentException().isThrownBy(() -> RunContext.setAttribute("a b", "v"));
				assertThatIllegalArgumentException().isThrownBy(() -> RunContext.setAttribute("k\u00e9y", "v"));
				assertThatIllegalArgumentException().isThrownBy(() -> RunContext.setAttribute("x".repeat(65), "v"));
				assertThatIllegalArgumentException().isThrownBy(() -> RunContext.setAttribute("evil\nkey", "v"))
					.withMessageContaining("evil\\u000akey")
					.withMessageNotContaining("\n");
				RunContext.setAttribute("k".repeat(64), "ok");
			});
		}
		assertThat(this.seen).containsExactly("run-b " + "k".repeat(64) + "=ok");
	}

	@Test
	void longValuesAreCut() throws Exception {
		try (AutoCloseable registration = RunContext.addListener(this.listener)) {
			RunContext.run(RunId.fromString("run-c"), () -> RunContext.setAttribute("note", "v".repeat(5000)));
		}
		assertThat(this.seen).containsExactly("run-c note=" + "v".repeat(RunContext.MAX_ATTRIBUTE_VALUE_LENGTH));
	}

}
