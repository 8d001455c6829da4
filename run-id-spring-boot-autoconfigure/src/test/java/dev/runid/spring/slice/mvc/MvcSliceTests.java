package dev.runid.spring.slice.mvc;

import dev.runid.RunContext;
import dev.runid.RunId;
import jakarta.servlet.RequestDispatcher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @WebMvcTest} of a user's controller: run-id's entries in the slice's imports
 * give MockMvc the servlet filter (for the request, async and error dispatches), the
 * {@code RunId} parameter, {@code @RunScoped} beans, the error attributes and the
 * {@code runId} of problem details, as in the application.
 */
@WebMvcTest(RunController.class)
@Import(RunNotes.class)
@TestPropertySource(properties = "spring.mvc.problemdetails.enabled=true")
class MvcSliceTests {

	@Autowired
	private MockMvcTester mvc;

	@AfterEach
	void leavesNoRunOnTheTestThread() {
		assertThat(RunContext.current()).isEmpty();
		assertThat(MDC.get("runId")).isNull();
	}

	@Test
	void controllerRunsInTheRunOfTheInboundHeader() {
		MvcTestResult result = this.mvc.get().uri("/whoami").header("X-Run-Id", "run-1").exchange();
		assertThat(result).hasStatusOk().hasHeader("X-Run-Id", "run-1");
		assertThat(result).bodyJson()
			.isLenientlyEqualTo(
					"{\"parameter\":\"run-1\",\"current\":\"run-1\",\"mdc\":\"run-1\",\"parent\":\"none\"}");
	}

	@Test
	void controllerSeesTheParentRun() {
		MvcTestResult result = this.mvc.get()
			.uri("/whoami")
			.header("X-Run-Id", "run-2")
			.header("X-Parent-Run-Id", "run-1")
			.exchange();
		assertThat(result).bodyJson().extractingPath("$.parent").isEqualTo("run-1");
	}

	@Test
	void requestWithoutHeaderGetsAFreshRunEchoedOnTheResponse() {
		MvcTestResult result = this.mvc.get().uri("/whoami").exchange();
		String echoed = result.getResponse().getHeader("X-Run-Id");
		assertThat(RunId.isValid(echoed)).isTrue();
		assertThat(result).bodyJson().extractingPath("$.parameter").isEqualTo(echoed);
	}

	@Test
	void invalidInboundRunIdIsReplacedNotEchoed() {
		MvcTestResult result = this.mvc.get().uri("/whoami").header("X-Run-Id", "run 1<script>").exchange();
		String echoed = result.getResponse().getHeader("X-Run-Id");
		assertThat(echoed).isNotEqualTo("run 1<script>");
		assertThat(RunId.isValid(echoed)).isTrue();
		assertThat(result).bodyJson().extractingPath("$.current").isEqualTo(echoed);
	}

	@Test
	void runScopedBeanLivesForTheRequestsRun() {
		assertThat(this.mvc.get().uri("/notes").header("X-Run-Id", "run-notes").exchange()).hasStatusOk()
			.hasBodyTextEqualTo("run-notes");
		assertThat(RunNotes.destroyed).contains("run-notes");
	}

	@Test
	void asyncResultRunsInTheRequestsRunOnAnotherThread() {
		MvcTestResult result = this.mvc.get().uri("/later").header("X-Run-Id", "run-async").exchange();
		// the body is written in MockMvc's async dispatch, which has the run through the
		// filter's ASYNC dispatcher type
		assertThat(result).hasStatusOk().hasHeader("X-Run-Id", "run-async").hasHeader("X-Rendered-In", "run-async");
		assertThat(result).bodyText()
			.startsWith("run-async on ")
			.doesNotEndWith(" on " + Thread.currentThread().getName());
	}

	@Test
	void problemDetailCarriesTheRunId() {
		MvcTestResult result = this.mvc.get()
			.uri("/conflict")
			.header("X-Run-Id", "run-conflict")
			.accept(MediaType.APPLICATION_PROBLEM_JSON)
			.exchange();
		assertThat(result).hasStatus(409);
		assertThat(result).bodyJson().extractingPath("$.runId").isEqualTo("run-conflict");
	}

	@Test
	void errorPageCarriesTheRunId() {
		// MockMvc does not forward to /error itself: call it as the container would
		MvcTestResult result = this.mvc.get()
			.uri("/error")
			.header("X-Run-Id", "run-error")
			.requestAttr(RequestDispatcher.ERROR_STATUS_CODE, 500)
			.requestAttr(RequestDispatcher.ERROR_REQUEST_URI, "/boom")
			.accept(MediaType.APPLICATION_JSON)
			.exchange();
		assertThat(result).hasStatus(500);
		assertThat(result).bodyJson().extractingPath("$.runId").isEqualTo("run-error");
	}

}
