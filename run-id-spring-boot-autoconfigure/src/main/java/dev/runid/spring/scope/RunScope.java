package dev.runid.spring.scope;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

import dev.runid.RunContext;
import dev.runid.RunId;
import dev.runid.RunListener;
import dev.runid.spring.RunScoped;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.scope.ScopedProxyFactoryBean;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.Scope;
import org.springframework.beans.factory.support.AbstractBeanDefinition;

/**
 * The {@value #NAME} bean scope behind {@link RunScoped}: one instance per run ID while
 * the run is active in this process.
 * <p>
 * A run is active while at least one scope of it is open: a request in the run-id
 * filters, a {@link RunContext} scope, a wrapped task, or a {@link RunContext#hold}. The
 * scope counts them through a {@link RunListener} and destroys the run's beans when the
 * count drops to zero. Registers itself with the bean factory.
 */
public final class RunScope implements Scope, RunListener, BeanFactoryPostProcessor, DisposableBean {

	/**
	 * The name of the scope: {@value}.
	 */
	public static final String NAME = "run";

	private static final Log logger = LogFactory.getLog(RunScope.class);

	private final Map<String, ActiveRun> runs = new ConcurrentHashMap<>();

	private RunListener.@Nullable Registration registration;

	private volatile @Nullable RunActivity<Object> activity;

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		beanFactory.registerScope(NAME, this);
		useRunScopedProxies(beanFactory);
		this.registration = RunContext.addListener(this);
	}

	/**
	 * Replace Spring's scoped proxies of run-scoped beans by ones that fail plainly when
	 * no run is current.
	 */
	private static void useRunScopedProxies(ConfigurableListableBeanFactory beanFactory) {
		boolean changed = false;
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			if (definition instanceof AbstractBeanDefinition proxyDefinition
					&& ScopedProxyFactoryBean.class.getName().equals(definition.getBeanClassName())) {
				Object target = definition.getPropertyValues().get("targetBeanName");
				if (target instanceof String targetName && beanFactory.containsBeanDefinition(targetName)
						&& NAME.equals(beanFactory.getBeanDefinition(targetName).getScope())) {
					proxyDefinition.setBeanClass(RunScopedProxyFactoryBean.class);
					changed = true;
				}
			}
		}
		if (changed) {
			beanFactory.clearMetadataCache();
		}
	}

	/**
	 * Tell an activity of every run that becomes active or stops being active from now
	 * on. One activity at most.
	 * @param <S> the type of the activity's state per run
	 * @param activity the activity
	 * @return a handle that detaches the activity when closed
	 * @throws IllegalStateException when an activity is attached already
	 */
	@SuppressWarnings("unchecked")
	public synchronized <S> AutoCloseable attach(RunActivity<S> activity) {
		if (this.activity != null) {
			throw new IllegalStateException("A RunActivity is attached already: " + this.activity);
		}
		this.activity = (RunActivity<Object>) activity;
		return () -> {
			synchronized (this) {
				if (this.activity == activity) {
					this.activity = null;
				}
			}
		};
	}

	/**
	 * The state that an attached activity keeps for an active run.
	 * @param <S> the type of the activity's state per run
	 * @param runId the run
	 * @param activity the activity that the state belongs to
	 * @return the state, or {@code null} when the run is not active in this process or
	 * became active before the activity was attached
	 */
	@SuppressWarnings("unchecked")
	public <S> @Nullable S state(RunId runId, RunActivity<S> activity) {
		ActiveRun run = this.runs.get(runId.value());
		return (run != null && run.activity == activity) ? (S) run.state : null;
	}

	@Override
	public void entered(RunId runId) {
		String key = runId.value();
		ActiveRun created = null;
		while (true) {
			ActiveRun run = this.runs.get(key);
			if (run != null && run.enter()) {
				return;
			}
			if (created == null) {
				created = new ActiveRun(this.activity);
			}
			// held until the activity knows of the run, so that another entry of the run
			// waits for that in enter()
			synchronized (created) {
				// a run whose last scope closed may still be in the map: it is replaced
				boolean added = (run != null) ? this.runs.replace(key, run, created)
						: this.runs.putIfAbsent(key, created) == null;
				if (added) {
					try {
						created.started(runId);
					}
					catch (RuntimeException | Error ex) {
						this.runs.remove(key, created);
						throw ex;
					}
					return;
				}
			}
		}
	}

	@Override
	public void exited(RunId runId) {
		String key = runId.value();
		ActiveRun run = this.runs.get(key);
		if (run != null && run.exit()) {
			this.runs.remove(key, run);
			run.end(key);
			run.ended(runId);
		}
	}

	@Override
	public void attributeSet(RunId runId, String key, String value) {
		ActiveRun run = this.runs.get(runId.value());
		RunActivity<Object> activity = (run != null) ? run.activity : null;
		Object state = (run != null) ? run.state : null;
		if (activity != null && state != null) {
			activity.attributeSet(runId, state, key, value);
		}
	}

	@Override
	public Object get(String name, ObjectFactory<?> objectFactory) {
		RunId runId = requireRun(name);
		ActiveRun run = this.runs.get(runId.value());
		if (run == null) {
			throw new IllegalStateException("Run " + runId + " is not active in this process, so run-scoped bean '"
					+ name
					+ "' cannot be created: open a RunContext scope for it (RunContext.enter or RunContext.run)");
		}
		return run.get(runId, name, objectFactory);
	}

	@Override
	public @Nullable Object remove(String name) {
		RunId runId = requireRun(name);
		ActiveRun run = this.runs.get(runId.value());
		return (run != null) ? run.remove(name) : null;
	}

	@Override
	public void registerDestructionCallback(String name, Runnable callback) {
		RunId runId = requireRun(name);
		ActiveRun run = this.runs.get(runId.value());
		if (run != null) {
			run.registerDestructionCallback(name, callback);
		}
	}

	@Override
	public @Nullable Object resolveContextualObject(String key) {
		return "runId".equals(key) ? RunContext.current().orElse(null) : null;
	}

	@Override
	public @Nullable String getConversationId() {
		return RunContext.current().map(RunId::value).orElse(null);
	}

	/**
	 * The number of runs that are active in this process.
	 * @return the number of active runs
	 */
	public int activeRuns() {
		return this.runs.size();
	}

	@Override
	public void destroy() {
		if (this.registration != null) {
			this.registration.close();
		}
		for (String key : new ArrayList<>(this.runs.keySet())) {
			ActiveRun run = this.runs.remove(key);
			if (run != null && run.close()) {
				run.end(key);
				run.ended(RunId.fromString(key));
			}
		}
	}

	private static RunId requireRun(String name) {
		return RunContext.current()
			.orElseThrow(() -> new IllegalStateException("No run is current, so run-scoped bean '" + name
					+ "' cannot be used: call it from a request, a job or a RunContext scope"));
	}

	/**
	 * One active run: its open scopes, the activity's state, and its beans. The count of
	 * scopes is guarded by its monitor, which the entry that created the run holds until
	 * the activity knows of the run; its beans by a holder of their own, created with the
	 * first one (most runs create no run-scoped bean), so that building a bean, which may
	 * wait for a task of the same run, never holds up that task's entry.
	 */
	private static final class ActiveRun {

		private static final AtomicReferenceFieldUpdater<ActiveRun, Beans> BEANS = AtomicReferenceFieldUpdater
			.newUpdater(ActiveRun.class, Beans.class, "beans");

		/**
		 * The activity told of the run's start, and its state, which it sets once the
		 * activity returns it.
		 */
		final @Nullable RunActivity<Object> activity;

		volatile @Nullable Object state;

		/**
		 * Open scopes of the run; guarded by this. A run whose count dropped to zero has
		 * ended for good: a later entry makes a new one.
		 */
		private int scopes = 1;

		private volatile @Nullable Beans beans;

		ActiveRun(@Nullable RunActivity<Object> activity) {
			this.activity = activity;
		}

		/**
		 * Tell the activity that the run started. Called once, by the entry that created
		 * the run, with this monitor held; when the activity fails, the entry is undone,
		 * so that the next one starts the run again.
		 */
		void started(RunId runId) {
			RunActivity<Object> activity = this.activity;
			if (activity != null) {
				try {
					this.state = activity.started(runId);
				}
				catch (RuntimeException | Error ex) {
					this.scopes = 0;
					throw ex;
				}
			}
		}

		/**
		 * Count one more scope, unless the run has ended.
		 * @return whether the run was still active
		 */
		synchronized boolean enter() {
			if (this.scopes == 0) {
				return false;
			}
			this.scopes++;
			return true;
		}

		/**
		 * Count one scope less.
		 * @return whether that was the run's last scope
		 */
		synchronized boolean exit() {
			if (this.scopes == 0) {
				return false;
			}
			return --this.scopes == 0;
		}

		/**
		 * End the run whatever scopes are open, as the context closes.
		 * @return whether it was active: {@code false} when its last scope closed
		 * already, and that exit ends it
		 */
		synchronized boolean close() {
			if (this.scopes == 0) {
				return false;
			}
			this.scopes = 0;
			return true;
		}

		Object get(RunId runId, String name, ObjectFactory<?> objectFactory) {
			return beans().get(runId, name, objectFactory);
		}

		@Nullable Object remove(String name) {
			Beans beans = this.beans;
			return (beans != null) ? beans.remove(name) : null;
		}

		void registerDestructionCallback(String name, Runnable callback) {
			beans().registerDestructionCallback(name, callback);
		}

		private Beans beans() {
			Beans beans = this.beans;
			while (beans == null) {
				Beans created = new Beans();
				beans = BEANS.compareAndSet(this, null, created) ? created : this.beans;
			}
			return beans;
		}

		void ended(RunId runId) {
			RunActivity<Object> activity = this.activity;
			@Nullable Object state = this.state;
			if (activity != null && state != null) {
				try {
					activity.ended(runId, state);
				}
				catch (RuntimeException ex) {
					logger.warn("A RunActivity failed at the end of run " + runId, ex);
				}
			}
		}

		/**
		 * Destroy the run's beans; a run that has none gets the holder of ended runs, so
		 * that no bean is created for it afterwards.
		 */
		void end(String runId) {
			Beans beans = this.beans;
			if (beans == null) {
				if (BEANS.compareAndSet(this, null, Beans.ENDED)) {
					return;
				}
				beans = beans();
			}
			beans.end(runId);
		}

	}

	/**
	 * The beans of one active run and their destruction callbacks. Guarded by its own
	 * monitor.
	 */
	private static final class Beans {

		/**
		 * The holder of a run that ended without a bean; shared, and never changed.
		 */
		static final Beans ENDED = new Beans(true);

		private @Nullable Map<String, Object> beans;

		private @Nullable Map<String, Runnable> callbacks;

		private boolean ended;

		Beans() {
			this(false);
		}

		private Beans(boolean ended) {
			this.ended = ended;
		}

		synchronized Object get(RunId runId, String name, ObjectFactory<?> objectFactory) {
			if (this.ended) {
				throw new IllegalStateException(
						"Run " + runId + " has ended, so run-scoped bean '" + name + "' cannot be created");
			}
			Map<String, Object> beans = this.beans;
			if (beans == null) {
				beans = new LinkedHashMap<>();
				this.beans = beans;
			}
			Object bean = beans.get(name);
			if (bean == null) {
				bean = objectFactory.getObject();
				beans.put(name, bean);
			}
			return bean;
		}

		synchronized @Nullable Object remove(String name) {
			if (this.callbacks != null) {
				this.callbacks.remove(name);
			}
			return (this.beans != null) ? this.beans.remove(name) : null;
		}

		synchronized void registerDestructionCallback(String name, Runnable callback) {
			if (this.ended) {
				return;
			}
			if (this.callbacks == null) {
				this.callbacks = new LinkedHashMap<>();
			}
			this.callbacks.put(name, callback);
		}

		void end(String runId) {
			List<Runnable> toRun;
			synchronized (this) {
				this.ended = true;
				this.beans = null;
				if (this.callbacks == null) {
					return;
				}
				toRun = new ArrayList<>(this.callbacks.values());
				this.callbacks = null;
			}
			for (int i = toRun.size() - 1; i >= 0; i--) {
				try {
					toRun.get(i).run();
				}
				catch (RuntimeException ex) {
					logger.warn("Destroying a run-scoped bean of run " + runId + " failed", ex);
				}
			}
		}

	}

}
