package dev.runid.spring.scope;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.spring.RunScoped;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.Compiled;
import org.springframework.core.test.tools.TestCompiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A context with {@code @RunScoped} beans processed ahead of time, its generated code
 * compiled and started as an application in AOT mode starts it.
 */
@CompileWithForkedClassLoader
class RunScopedProxyBeanRegistrationAotProcessorTests {

	@Test
	void singletonsGetClassBasedAndInterfaceBasedRunScopedProxiesInAotMode() {
		compileAndStart((context) -> {
			Agent agent = context.getBean(Agent.class);
			RunContext.run(RunId.fromString("aot-a"), () -> {
				assertThat(agent.ledger.record()).isEqualTo(1);
				assertThat(agent.ledger.record()).isEqualTo(2);
				agent.notes.add("planned");
				assertThat(agent.notes.all()).containsExactly("planned");
				RunContext.run(RunId.fromString("aot-b"), () -> {
					assertThat(agent.ledger.record()).as("another run, another instance").isEqualTo(1);
					assertThat(agent.notes.all()).isEmpty();
				});
			});
			assertThat(context.getBean(Events.class).list).containsExactly("ledger aot-b 1", "ledger aot-a 2");
		});
	}

	@Test
	void runScopedProxyFailsPlainlyWithoutRunInAotMode() {
		compileAndStart((context) -> {
			Agent agent = context.getBean(Agent.class);
			assertThatIllegalStateException().isThrownBy(agent.ledger::record)
				.withMessageContaining("No run is current")
				.withMessageContaining("'ledger'");
			assertThatIllegalStateException().isThrownBy(agent.notes::all).withMessageContaining("No run is current");
		});
	}

	@Test
	void registersTheInterfacesOfTheJdkProxyForNativeImages() {
		TestGenerationContext generationContext = new TestGenerationContext();
		String initializer = process(generationContext);
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			GenericApplicationContext context = start(compiled, initializer);
			Class<?> proxyClass = context.getBean(Agent.class).notes.getClass();
			assertThat(RuntimeHintsPredicates.proxies().forInterfaces(proxyClass.getInterfaces()))
				.accepts(generationContext.getRuntimeHints());
			context.close();
		});
	}

	@Test
	void savesTheClassOfTheClassBasedProxyWithTheGeneratedCode() {
		TestGenerationContext generationContext = new TestGenerationContext();
		String initializer = process(generationContext);
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			GenericApplicationContext context = start(compiled, initializer);
			String proxyClass = context.getBean(Agent.class).ledger.getClass().getName();
			assertThat(proxyClass).startsWith(Ledger.class.getName() + "$$SpringCGLIB$$");
			assertThat(RuntimeHintsPredicates.reflection().onType(context.getBean(Agent.class).ledger.getClass()))
				.accepts(generationContext.getRuntimeHints());
			context.close();
		});
	}

	private static void compileAndStart(Consumer<GenericApplicationContext> test) {
		TestGenerationContext generationContext = new TestGenerationContext();
		String initializer = process(generationContext);
		TestCompiler.forSystem().with(generationContext).compile((compiled) -> {
			GenericApplicationContext context = start(compiled, initializer);
			try {
				test.accept(context);
			}
			finally {
				context.close();
			}
		});
	}

	private static String process(TestGenerationContext generationContext) {
		GenericApplicationContext context = new GenericApplicationContext();
		AnnotationConfigUtils.registerAnnotationConfigProcessors(context);
		context.registerBean(ScopedBeans.class);
		String initializer = new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext)
			.reflectionName();
		generationContext.writeGeneratedContent();
		context.close();
		return initializer;
	}

	@SuppressWarnings("unchecked")
	private static GenericApplicationContext start(Compiled compiled, String initializer) {
		GenericApplicationContext context = new GenericApplicationContext();
		compiled.getInstance(ApplicationContextInitializer.class, initializer).initialize(context);
		context.refresh();
		return context;
	}

	@Configuration(proxyBeanMethods = false)
	public static class ScopedBeans {

		// first, as a controller often is: created before the proxies' factory beans, so
		// it finds them by the type of their registration alone
		@Bean
		public Agent agent(Ledger ledger, Notes notes) {
			return new Agent(ledger, notes);
		}

		@Bean
		public static RunScope runScope() {
			return new RunScope();
		}

		@Bean
		public Events events() {
			return new Events();
		}

		@Bean
		@RunScoped
		public Ledger ledger(Events events) {
			return new Ledger(events);
		}

		@Bean
		@RunScoped(proxyMode = ScopedProxyMode.INTERFACES)
		public Notes notes() {
			return new MemoryNotes();
		}

	}

	public static class Events {

		final List<String> list = new CopyOnWriteArrayList<>();

	}

	public static class Ledger implements AutoCloseable {

		private final Events events;

		private final String runId = RunContext.current().map(RunId::value).orElse("none");

		private int calls;

		public Ledger(Events events) {
			this.events = events;
		}

		public synchronized int record() {
			return ++this.calls;
		}

		@Override
		public synchronized void close() {
			this.events.list.add("ledger " + this.runId + " " + this.calls);
		}

	}

	public interface Notes {

		void add(String note);

		List<String> all();

	}

	public static class MemoryNotes implements Notes {

		private final List<String> notes = new CopyOnWriteArrayList<>();

		@Override
		public void add(String note) {
			this.notes.add(note);
		}

		@Override
		public List<String> all() {
			return List.copyOf(this.notes);
		}

	}

	public static class Agent {

		final Ledger ledger;

		final Notes notes;

		public Agent(Ledger ledger, Notes notes) {
			this.ledger = ledger;
			this.notes = notes;
		}

	}

}
