package dev.runid.test.example;

import dev.runid.test.RunLogs;
import dev.runid.test.RunLogsExtension;
import dev.runid.test.SequentialRunIdGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's {@code @WebMvcTest} example: the controller runs in the request's run, run
 * IDs are predictable, and the log lines of one run can be asserted.
 */
@WebMvcTest(GreetingController.class)
@Import(SequentialRunIdGenerator.class)
@ExtendWith(RunLogsExtension.class)
class GreetingControllerTests {

	@Autowired
	private MockMvcTester mvc;

	@Test
	void answersInTheCallersRun(RunLogs logs) {
		assertThat(this.mvc.get().uri("/greeting").header("X-Run-Id", "support-4711").exchange()).hasStatusOk()
			.hasHeader("X-Run-Id", "support-4711")
			.hasBodyTextEqualTo("Hello from support-4711");
		assertThat(logs.messagesOf("support-4711")).containsExactly("greeting_sent");
	}

	@Test
	void mintsPredictableRunIds() {
		assertThat(this.mvc.get().uri("/greeting").exchange()).hasHeader("X-Run-Id", "run-1");
		assertThat(this.mvc.get().uri("/greeting").exchange()).hasHeader("X-Run-Id", "run-2");
	}

	@Test
	void everyTestStartsAtRunOne() {
		assertThat(this.mvc.get().uri("/greeting").exchange()).hasBodyTextEqualTo("Hello from run-1");
	}

}
