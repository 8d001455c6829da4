package dev.runid.spring.scope;

import dev.runid.RunContext;
import dev.runid.spring.RunScoped;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.framework.ProxyConfig;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.scope.DefaultScopedObject;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.support.DelegatingIntroductionInterceptor;
import org.springframework.aop.target.SimpleBeanTargetSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * The scoped proxy of a {@link RunScoped} bean: like Spring's
 * {@code ScopedProxyFactoryBean}, but a call with no run current fails with a plain
 * {@link IllegalStateException} that says so, rather than Spring's generic "scope not
 * active" exception. {@link RunScope} puts it in place of Spring's proxy.
 * <p>
 * Public for the code that ahead-of-time processing generates for the proxies of an
 * application; not meant to be used directly.
 */
public final class RunScopedProxyFactoryBean extends ProxyConfig
		implements FactoryBean<Object>, BeanFactoryAware, AopInfrastructureBean {

	private static final long serialVersionUID = 1L;

	private final RunTargetSource targetSource = new RunTargetSource();

	private @Nullable String targetBeanName;

	private transient @Nullable Object proxy;

	/**
	 * Create a factory of a class-based proxy; its target is set with
	 * {@link #setTargetBeanName}.
	 */
	public RunScopedProxyFactoryBean() {
		setProxyTargetClass(true);
	}

	/**
	 * Set the name of the run-scoped bean that the proxy stands for.
	 * @param targetBeanName the name of the scoped target bean
	 */
	public void setTargetBeanName(String targetBeanName) {
		this.targetBeanName = targetBeanName;
		this.targetSource.setTargetBeanName(targetBeanName);
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		ConfigurableBeanFactory factory = (ConfigurableBeanFactory) beanFactory;
		this.proxy = proxyFactory(factory).getProxy(factory.getBeanClassLoader());
	}

	/**
	 * The factory of the proxy: the same at run time and in ahead-of-time processing,
	 * which registers the proxy's class or interfaces for native images.
	 */
	ProxyFactory proxyFactory(ConfigurableBeanFactory factory) {
		this.targetSource.setBeanFactory(factory);
		ProxyFactory proxyFactory = new ProxyFactory();
		proxyFactory.copyFrom(this);
		proxyFactory.setTargetSource(this.targetSource);
		Class<?> beanType = factory.getType(this.targetBeanName);
		if (beanType == null) {
			throw new IllegalStateException(
					"Cannot create run-scoped proxy for bean '" + this.targetBeanName + "': target type unknown");
		}
		if (!isProxyTargetClass() || beanType.isInterface()) {
			proxyFactory.setInterfaces(ClassUtils.getAllInterfacesForClass(beanType, factory.getBeanClassLoader()));
		}
		ScopedObject scopedObject = new DefaultScopedObject(factory, this.targetSource.getTargetBeanName());
		proxyFactory.addAdvice(new DelegatingIntroductionInterceptor(scopedObject));
		proxyFactory.addInterface(AopInfrastructureBean.class);
		return proxyFactory;
	}

	@Override
	public @Nullable Object getObject() {
		if (this.proxy == null) {
			throw new IllegalStateException("Run-scoped proxy not initialized");
		}
		return this.proxy;
	}

	@Override
	public @Nullable Class<?> getObjectType() {
		return (this.proxy != null) ? this.proxy.getClass() : this.targetSource.getTargetClass();
	}

	@Override
	public boolean isSingleton() {
		return true;
	}

	/**
	 * Looks up the run's instance, failing plainly when no run is current.
	 */
	private static final class RunTargetSource extends SimpleBeanTargetSource {

		private static final long serialVersionUID = 1L;

		@Override
		public Object getTarget() throws Exception {
			if (RunContext.current().isEmpty()) {
				throw new IllegalStateException("No run is current, so run-scoped bean '"
						+ getTargetBeanName().substring("scopedTarget.".length())
						+ "' cannot be used: call it from a request, a job or a RunContext scope");
			}
			return super.getTarget();
		}

	}

}
