package dev.orbitar.promptlab.operator.helm;

import static dev.orbitar.promptlab.operator.helm.OperatorChart.FULLNAME;
import static dev.orbitar.promptlab.operator.helm.OperatorChart.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orbitar.promptlab.operator.OperatorFactory;
import dev.orbitar.promptlab.operator.OperatorSettings;
import dev.orbitar.promptlab.operator.api.PromptLabSchedule;
import dev.orbitar.promptlab.operator.api.PromptLabScheduleSpec;
import dev.orbitar.promptlab.operator.api.ScheduleTarget;
import dev.orbitar.promptlab.operator.support.MockCluster;
import io.fabric8.knative.serving.v1.Service;
import io.fabric8.knative.sources.v1.PingSource;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.ResourceRuleBuilder;
import io.fabric8.kubernetes.api.model.authorization.v1.SelfSubjectRulesReviewBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Runs the operator against the mock API server through a whole schedule life (leader election, CronJob,
 * finished Job, status, events, an invalid spec, a Knative schedule, target switches both ways) and checks that
 * the chart's Roles, with Knative enabled, allow every request it sent. The mock server does not enforce RBAC, so
 * this is where a missing verb shows before a real cluster.
 */
class OperatorRequestsTest {

  private static final String WATCHED = "prompt-lab";
  private static final String USER_AGENT = "prompt-lab-operator-under-test";
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** /api, /api/v1, /apis, /apis/{group} and /apis/{group}/{version}: API discovery, no resource. */
  private static final Pattern DISCOVERY =
      Pattern.compile("^/(?:api(?:/v1)?|apis(?:/[^/?]+(?:/[^/?]+)?)?)/?(?:\\?.*)?$");

  /** /api/v1/... or /apis/{group}/{version}/..., then an optional namespace, the resource, name, subresource. */
  private static final Pattern PATH = Pattern.compile(
      "^/(?:api/v1|apis/(?<group>[^/]+)/[^/]+)(?:/namespaces/(?<namespace>[^/]+))?/(?<resource>[^/?]+)"
          + "(?:/(?<name>[^/?]+))?(?:/(?<subresource>[^/?]+))?(?:\\?(?<query>.*))?$");

  private MockCluster cluster;
  private KubernetesClient operatorClient;
  private Operator operator;
  private final List<RecordedRequest> operatorRequests = new ArrayList<>();

  @BeforeEach
  void start() {
    cluster = new MockCluster();
    // JOSDK checks its Lease permissions with a SelfSubjectRulesReview, which the mock server cannot evaluate.
    cluster.server().expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
        .andReturn(201, new SelfSubjectRulesReviewBuilder()
            .withNewStatus()
            .withIncomplete(false)
            .addToResourceRules(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io")
                .withResources("leases").withVerbs("create").build())
            .addToResourceRules(new ResourceRuleBuilder().withApiGroups("coordination.k8s.io")
                .withResources("leases").withResourceNames(FULLNAME).withVerbs("get", "update", "patch").build())
            .endStatus()
            .build())
        .always();
    // Installed before the operator starts, so its first discovery request already finds Knative.
    cluster.installKnativeCrds();

    // The operator gets a client of its own, identified by its user agent, so the test's requests are not counted.
    operatorClient = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder(cluster.client().getConfiguration()).withUserAgent(USER_AGENT).build())
        .build();
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.stop();
    }
    operatorClient.close();
    cluster.close();
  }

  @Test
  void chartAllowsEveryRequest() {
    operator = OperatorFactory.create(operatorClient, new OperatorSettings(Set.of(WATCHED), true, FULLNAME, NAMESPACE,
        0, Duration.ofSeconds(5), false, MockCluster.KNATIVE_RECHECK), new SimpleMeterRegistry(), Clock.systemUTC());
    operator.start();

    runScheduleLife();
    runKnativeLife();
    await().atMost(WAIT).until(() -> {
      collectOperatorRequests();
      return operatorRequests.stream().anyMatch(request -> request.getMethod().equals("PATCH")
          && request.getPath().contains("/leases/"));
    });

    RenderedChart chart = OperatorChart.withValues("watchNamespaces: [" + WATCHED + "]\nknative:\n  enabled: true\n")
        .render();
    List<PolicyRule> watchedRules = chart.get(Role.class, WATCHED, FULLNAME).getRules();
    List<PolicyRule> leaseRules = chart.get(Role.class, NAMESPACE, FULLNAME + "-leader-election").getRules();
    List<String> sent = new ArrayList<>();
    List<String> denied = new ArrayList<>();
    for (RecordedRequest request : operatorRequests) {
      Access access = Access.of(request);
      sent.add(access.verb() + " " + access.group() + "/" + access.resource());
      if (access.isSelfReview() || access.isDiscovery()) {
        continue;
      }
      List<PolicyRule> rules = WATCHED.equals(access.namespace()) ? watchedRules
          : NAMESPACE.equals(access.namespace()) ? leaseRules : List.of();
      if (rules.stream().noneMatch(access::allowedBy)) {
        denied.add(access + " <- " + request.getMethod() + " " + request.getPath());
      }
    }

    assertThat(sent).as("requests the operator sent").contains(
        "watch promptlab.orbitar.dev/promptlabschedules",
        "patch promptlab.orbitar.dev/promptlabschedules/status",
        "create batch/cronjobs",
        "watch batch/jobs",
        "list /pods",
        "create /events",
        "create coordination.k8s.io/leases",
        "patch coordination.k8s.io/leases",
        "get /discovery",
        "delete batch/cronjobs",
        "watch serving.knative.dev/services",
        "create serving.knative.dev/services",
        "update serving.knative.dev/services",
        "delete serving.knative.dev/services",
        "watch sources.knative.dev/pingsources",
        "create sources.knative.dev/pingsources",
        "update sources.knative.dev/pingsources",
        "delete sources.knative.dev/pingsources");
    assertThat(denied).as("requests the chart's Roles do not allow").isEmpty();
  }

  /** Creates a valid and an invalid schedule, and a finished Job with its pod for the valid one. */
  private void runScheduleLife() {
    KubernetesClient client = cluster.client();
    PromptLabSchedule hourly = MockCluster.example("hourly.yaml");
    hourly.getMetadata().setNamespace(WATCHED);
    client.resource(hourly).create();
    PromptLabSchedule invalid = MockCluster.example("invalid-cron.yaml");
    invalid.getMetadata().setNamespace(WATCHED);
    client.resource(invalid).create();

    CronJob cronJob = await().atMost(WAIT).until(() -> client.batch().v1().cronjobs().inNamespace(WATCHED)
        .withName("hourly-prompt-lab").get(), Objects::nonNull);
    Job job = client.resource(finishedJob(cronJob)).create();
    client.resource(new PodBuilder()
        .withNewMetadata().withName(job.getMetadata().getName() + "-x7k2p").withNamespace(WATCHED)
        .addToLabels("job-name", job.getMetadata().getName())
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
            .withName(job.getMetadata().getName()).withUid(job.getMetadata().getUid()).withController(true).build())
        .endMetadata()
        .withSpec(job.getSpec().getTemplate().getSpec())
        .withNewStatus().withPhase("Succeeded").withContainerStatuses(new ContainerStatusBuilder().withName("worker")
            .withNewState().withNewTerminated().withExitCode(0)
            .withMessage("{\"batchId\":\"b-1\",\"runsCreated\":20,\"scoresCreated\":20,\"failures\":0}")
            .endTerminated().endState().build())
        .endStatus()
        .build()).create();
    client.batch().v1().jobs().inNamespace(WATCHED).withName(job.getMetadata().getName()).editStatus(current -> {
      current.getStatus().setSucceeded(1);
      current.getStatus().setCompletionTime("2026-06-01T10:02:13Z");
      current.getStatus().setConditions(List.of(new JobConditionBuilder().withType("Complete").withStatus("True")
          .withLastTransitionTime("2026-06-01T10:02:13Z").build()));
      return current;
    });

    await().atMost(WAIT).until(() -> client.resources(PromptLabSchedule.class).inNamespace(WATCHED)
        .withName("hourly").get().getStatus().getLastRun(), Objects::nonNull);
  }

  /**
   * Creates a Knative schedule and changes its batch limit, then switches the CronJob schedule to Knative and the
   * Knative one to CronJob, so the operator creates, updates and deletes each kind it owns.
   */
  private void runKnativeLife() {
    KubernetesClient client = cluster.client();
    PromptLabSchedule knative = MockCluster.example("hourly-knative.yaml");
    knative.getMetadata().setNamespace(WATCHED);
    client.resource(knative).create();
    String knativeName = "hourly-knative-prompt-lab";
    await().atMost(WAIT).until(() -> service(knativeName) != null && pingSource(knativeName) != null);

    edit("hourly-knative", spec -> spec.setBatchLimit(40));
    await().atMost(WAIT).until(() -> pingSource(knativeName).getSpec().getData().equals("{\"batchLimit\":40}"));

    edit("hourly", spec -> spec.setTarget(ScheduleTarget.Knative));
    await().atMost(WAIT).until(() -> service("hourly-prompt-lab") != null
        && client.batch().v1().cronjobs().inNamespace(WATCHED).withName("hourly-prompt-lab").get() == null);

    edit("hourly-knative", spec -> spec.setTarget(ScheduleTarget.CronJob));
    await().atMost(WAIT).until(() -> service(knativeName) == null && pingSource(knativeName) == null
        && client.batch().v1().cronjobs().inNamespace(WATCHED).withName(knativeName).get() != null);
  }

  /** Changes a schedule's spec, reading it again when the operator's status patch got there first (409). */
  private void edit(String name, Consumer<PromptLabScheduleSpec> change) {
    await().atMost(WAIT).ignoreExceptionsInstanceOf(KubernetesClientException.class).until(() -> {
      cluster.client().resources(PromptLabSchedule.class).inNamespace(WATCHED).withName(name).edit(schedule -> {
        change.accept(schedule.getSpec());
        return schedule;
      });
      return true;
    });
  }

  private Service service(String name) {
    return cluster.client().resources(Service.class).inNamespace(WATCHED).withName(name).get();
  }

  private PingSource pingSource(String name) {
    return cluster.client().resources(PingSource.class).inNamespace(WATCHED).withName(name).get();
  }

  /** Builds a Job as the CronJob controller would create it from the job template. */
  private static Job finishedJob(CronJob cronJob) {
    var template = cronJob.getSpec().getJobTemplate();
    return new JobBuilder()
        .withNewMetadata()
        .withName("hourly-prompt-lab-29100000")
        .withNamespace(WATCHED)
        .withLabels(template.getMetadata().getLabels())
        .withAnnotations(template.getMetadata().getAnnotations())
        .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("CronJob")
            .withName(cronJob.getMetadata().getName()).withUid(cronJob.getMetadata().getUid()).withController(true)
            .build())
        .endMetadata()
        .withSpec(template.getSpec())
        .withNewStatus().endStatus()
        .build();
  }

  private void collectOperatorRequests() throws InterruptedException {
    for (RecordedRequest request = cluster.server().takeRequest(1, TimeUnit.MILLISECONDS); request != null;
        request = cluster.server().takeRequest(1, TimeUnit.MILLISECONDS)) {
      if (USER_AGENT.equals(request.getHeader("User-Agent"))) {
        operatorRequests.add(request);
      }
    }
  }

  /** One request in RBAC terms: the verb on a group's resource (or subresource) in a namespace. */
  private record Access(String verb, String group, String resource, String namespace, String name) {

    static Access of(RecordedRequest request) {
      if (DISCOVERY.matcher(request.getPath()).matches()) {
        // Recorded as a pseudo resource, so the list of sent requests shows that discovery happened.
        return new Access(request.getMethod().toLowerCase(java.util.Locale.ROOT), "", "discovery", null, null);
      }
      Matcher path = PATH.matcher(request.getPath());
      assertThat(path.matches()).as("API path %s", request.getPath()).isTrue();

      String group = Objects.requireNonNullElse(path.group("group"), "");
      String resource = path.group("resource")
          + (path.group("subresource") == null ? "" : "/" + path.group("subresource"));
      String name = path.group("name");
      String query = Objects.requireNonNullElse(path.group("query"), "");
      String verb = switch (request.getMethod()) {
        case "GET" -> name != null ? "get" : query.contains("watch=true") ? "watch" : "list";
        case "POST" -> "create";
        case "PUT" -> "update";
        case "PATCH" -> "patch";
        case "DELETE" -> name != null ? "delete" : "deletecollection";
        default -> throw new AssertionError("unexpected method " + request.getMethod());
      };
      return new Access(verb, group, resource, path.group("namespace"), name);
    }

    /** Kubernetes' default system:basic-user role lets every authenticated user review its own rules. */
    boolean isSelfReview() {
      return group.equals("authorization.k8s.io") && resource.equals("selfsubjectrulesreviews") && verb.equals("create");
    }

    /** Kubernetes' default system:discovery role lets every authenticated user read the API discovery paths. */
    boolean isDiscovery() {
      return resource.equals("discovery") && verb.equals("get");
    }

    boolean allowedBy(PolicyRule rule) {
      boolean nameAllowed = rule.getResourceNames().isEmpty() || (name != null && rule.getResourceNames().contains(name));
      return rule.getApiGroups().contains(group) && rule.getResources().contains(resource)
          && rule.getVerbs().contains(verb) && nameAllowed;
    }
  }
}
