package dev.runid.spring.langchain4j;

import java.util.List;

import dev.runid.spring.client.RunIdForwarding;
import dev.runid.spring.client.RunIdHostFilter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdLangChain4jForwardingTests {

	@Test
	void mostRecentlyStartedRunningApplicationWins() {
		RunIdForwarding first = forwarding("X-First");
		RunIdForwarding second = forwarding("X-Second");
		RunIdLangChain4jForwarding firstApplication = new RunIdLangChain4jForwarding(first);
		RunIdLangChain4jForwarding secondApplication = new RunIdLangChain4jForwarding(second);
		// the applications of other test classes may still run
		RunIdLangChain4jForwarding before = RunIdLangChain4jForwarding.current();
		firstApplication.afterPropertiesSet();
		assertThat(RunIdLangChain4jForwarding.current()).isSameAs(firstApplication);
		assertThat(firstApplication.forwarding()).isSameAs(first);
		secondApplication.afterPropertiesSet();
		assertThat(RunIdLangChain4jForwarding.current()).isSameAs(secondApplication);
		secondApplication.destroy();
		assertThat(RunIdLangChain4jForwarding.current()).isSameAs(firstApplication);
		firstApplication.destroy();
		assertThat(RunIdLangChain4jForwarding.current()).isSameAs(before);
	}

	@Test
	void stoppingAnOlderApplicationKeepsTheNewerOne() {
		RunIdLangChain4jForwarding firstApplication = new RunIdLangChain4jForwarding(forwarding("X-First"));
		RunIdLangChain4jForwarding secondApplication = new RunIdLangChain4jForwarding(forwarding("X-Second"));
		RunIdLangChain4jForwarding before = RunIdLangChain4jForwarding.current();
		firstApplication.afterPropertiesSet();
		secondApplication.afterPropertiesSet();
		firstApplication.destroy();
		assertThat(RunIdLangChain4jForwarding.current()).isSameAs(secondApplication);
		secondApplication.destroy();
		assertThat(RunIdLangChain4jForwarding.current()).isSameAs(before);
	}

	private static RunIdForwarding forwarding(String headerName) {
		return new RunIdForwarding(headerName, "X-Parent-Run-Id", RunIdHostFilter.of(List.of()));
	}

}
