package dev.orbitar.promptlab.operator.helm;

import static dev.orbitar.promptlab.operator.helm.OperatorChart.FULLNAME;
import static dev.orbitar.promptlab.operator.helm.OperatorChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.openshift.api.model.monitoring.v1.Endpoint;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import org.junit.jupiter.api.Test;

/** The metrics Service in front of /metrics and the optional Prometheus Operator ServiceMonitor. */
class ChartMetricsTest {

  private static final String SERVICE_MONITOR = """
      metrics:
        serviceMonitor:
          enabled: true
          interval: 15s
          labels:
            release: prometheus
      """;

  @Test
  void serviceTargetsOperatorPort() {
    RenderedChart chart = OperatorChart.withDefaults().render();
    Service service = chart.get(Service.class, NAMESPACE, FULLNAME + "-metrics");
    ServicePort port = service.getSpec().getPorts().get(0);

    assertThat(service.getSpec().getPorts()).hasSize(1);
    assertThat(port.getName()).isEqualTo("http-metrics");
    assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
    assertThat(service.getSpec().getType()).isEqualTo("ClusterIP");
  }

  @Test
  void serviceSelectsOperatorPods() {
    RenderedChart chart = OperatorChart.withDefaults().render();
    Deployment deployment = chart.get(Deployment.class, NAMESPACE, FULLNAME);

    assertThat(chart.get(Service.class, NAMESPACE, FULLNAME + "-metrics").getSpec().getSelector())
        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
  }

  @Test
  void serviceCanBeOff() {
    RenderedChart chart = OperatorChart.withValues("""
        metrics:
          service:
            enabled: false
        """).render();

    assertThat(chart.all(Service.class)).isEmpty();
  }

  @Test
  void serviceMonitorOffByDefault() {
    assertThat(OperatorChart.withDefaults().render().all(ServiceMonitor.class)).isEmpty();
  }

  @Test
  void serviceMonitorScrapesMetrics() {
    ServiceMonitor monitor = OperatorChart.withValues(SERVICE_MONITOR).render()
        .get(ServiceMonitor.class, NAMESPACE, FULLNAME);
    Endpoint endpoint = monitor.getSpec().getEndpoints().get(0);

    assertThat(monitor.getSpec().getEndpoints()).hasSize(1);
    assertThat(endpoint.getPort()).isEqualTo("http-metrics");
    assertThat(endpoint.getPath()).isEqualTo("/metrics");
    assertThat(endpoint.getInterval()).isEqualTo("15s");
    assertThat(monitor.getSpec().getNamespaceSelector().getMatchNames()).containsExactly(NAMESPACE);
  }

  @Test
  void serviceMonitorSelectsService() {
    RenderedChart chart = OperatorChart.withValues(SERVICE_MONITOR).render();
    ServiceMonitor monitor = chart.get(ServiceMonitor.class, NAMESPACE, FULLNAME);
    Service service = chart.get(Service.class, NAMESPACE, FULLNAME + "-metrics");

    assertThat(service.getMetadata().getLabels()).containsAllEntriesOf(monitor.getSpec().getSelector().getMatchLabels());
    assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
  }

  @Test
  void serviceMonitorNeedsService() {
    OperatorChart chart = OperatorChart.withValues("""
        metrics:
          service:
            enabled: false
          serviceMonitor:
            enabled: true
        """);

    assertThatThrownBy(chart::render).hasMessageContaining("set metrics.service.enabled=true");
  }
}
