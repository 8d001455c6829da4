package dev.runid.spring.task;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.scheduling.concurrent.SimpleAsyncTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

class RunIdSimpleAsyncTaskSchedulerPostProcessorTests {

	@Test
	void aheadOfTimeProcessingSavesTheClassOfTheSchedulersProxyForNativeImages() {
		GenericApplicationContext context = new GenericApplicationContext();
		context.registerBean(RunIdSimpleAsyncTaskSchedulerPostProcessor.class);
		context.registerBean("taskScheduler", SimpleAsyncTaskScheduler.class);
		TestGenerationContext generationContext = new TestGenerationContext();
		new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);

		Object proxy = new RunIdSimpleAsyncTaskSchedulerPostProcessor()
			.postProcessAfterInitialization(new SimpleAsyncTaskScheduler(), "taskScheduler");
		Class<?> proxyClass = proxy.getClass();
		assertThat(proxyClass.getName()).startsWith(SimpleAsyncTaskScheduler.class.getName() + "$$SpringCGLIB$$");
		assertThat(generationContext.getGeneratedFiles().getGeneratedFiles(Kind.CLASS))
			.containsKey(proxyClass.getName().replace('.', '/') + ".class");
		assertThat(RuntimeHintsPredicates.reflection().onType(proxyClass)).accepts(generationContext.getRuntimeHints());
		context.close();
	}

	@Test
	void aheadOfTimeProcessingLeavesOtherBeansAlone() {
		RunIdSimpleAsyncTaskSchedulerPostProcessor postProcessor = new RunIdSimpleAsyncTaskSchedulerPostProcessor();
		assertThat(postProcessor.determineBeanType(String.class, "name")).isEqualTo(String.class);
		assertThat(postProcessor.determineBeanType(FinalScheduler.class, "scheduler")).isEqualTo(FinalScheduler.class);
	}

	static final class FinalScheduler extends SimpleAsyncTaskScheduler {

	}

}
