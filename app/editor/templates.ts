// The palette's manifest templates: the examples of the Kubernetes documentation (kubernetes/website,
// content/en/examples/…), as the concept pages show them. Plain strings, so the palette can offer
// them without loading the editor or a YAML parser.

/** One template. */
export interface ManifestTemplate {
  id: string;
  kind: string;
  /** Where in the docs it is from. */
  source: string;
  text: string;
}

export const templates: readonly ManifestTemplate[] = [
  {
    id: 'deployment',
    kind: 'Deployment',
    source: 'controllers/nginx-deployment.yaml',
    text: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
`,
  },
  {
    id: 'service',
    kind: 'Service',
    source: 'service/simple-service.yaml',
    text: `apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  selector:
    app.kubernetes.io/name: MyApp
  ports:
    - protocol: TCP
      port: 80
      targetPort: 9376
`,
  },
  {
    id: 'pod',
    kind: 'Pod',
    source: 'pods/simple-pod.yaml',
    text: `apiVersion: v1
kind: Pod
metadata:
  name: nginx
spec:
  containers:
  - name: nginx
    image: nginx:1.14.2
    ports:
    - containerPort: 80
`,
  },
  {
    id: 'configmap',
    kind: 'ConfigMap',
    source: 'concepts/configuration/configmap (game-demo)',
    text: `apiVersion: v1
kind: ConfigMap
metadata:
  name: game-demo
data:
  # property-like keys; each key maps to a simple value
  player_initial_lives: "3"
  ui_properties_file_name: "user-interface.properties"

  # file-like keys
  game.properties: |
    enemy.types=aliens,monsters
    player.maximum-lives=5
  user-interface.properties: |
    color.good=purple
    color.bad=yellow
    allow.textmode=true
`,
  },
  {
    id: 'secret',
    kind: 'Secret',
    source: 'secret/basicauth-secret.yaml',
    text: `apiVersion: v1
kind: Secret
metadata:
  name: secret-basic-auth
type: kubernetes.io/basic-auth
stringData:
  username: admin # required field for kubernetes.io/basic-auth
  password: t0p-Secret # required field for kubernetes.io/basic-auth
`,
  },
  {
    id: 'job',
    kind: 'Job',
    source: 'controllers/job.yaml',
    text: `apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: ["perl",  "-Mbignum=bpi", "-wle", "print bpi(2000)"]
      restartPolicy: Never
  backoffLimit: 4
`,
  },
  {
    id: 'cronjob',
    kind: 'CronJob',
    source: 'application/job/cronjob.yaml',
    text: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: hello
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
          - name: hello
            image: busybox:1.28
            imagePullPolicy: IfNotPresent
            command:
            - /bin/sh
            - -c
            - date; echo Hello from the Kubernetes cluster
          restartPolicy: OnFailure
`,
  },
  {
    id: 'namespace',
    kind: 'Namespace',
    source: 'admin/namespace-dev.yaml',
    text: `apiVersion: v1
kind: Namespace
metadata:
  name: development
  labels:
    name: development
`,
  },
  {
    id: 'ingress',
    kind: 'Ingress',
    source: 'service/networking/minimal-ingress.yaml',
    text: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: minimal-ingress
  annotations:
    nginx.ingress.kubernetes.io/rewrite-target: /
spec:
  ingressClassName: nginx-example
  rules:
  - http:
      paths:
      - path: /testpath
        pathType: Prefix
        backend:
          service:
            name: test
            port:
              number: 80
`,
  },
  {
    id: 'statefulset',
    kind: 'StatefulSet',
    source: 'concepts/workloads/controllers/statefulset (web)',
    text: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: nginx # has to match .spec.template.metadata.labels
  serviceName: "nginx"
  replicas: 3 # by default is 1
  minReadySeconds: 10 # by default is 0
  template:
    metadata:
      labels:
        app: nginx # has to match .spec.selector.matchLabels
    spec:
      terminationGracePeriodSeconds: 10
      containers:
      - name: nginx
        image: registry.k8s.io/nginx-slim:0.24
        ports:
        - containerPort: 80
          name: web
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      storageClassName: "my-storage-class"
      resources:
        requests:
          storage: 1Gi
`,
  },
  {
    id: 'daemonset',
    kind: 'DaemonSet',
    source: 'controllers/daemonset.yaml',
    text: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: fluentd-elasticsearch
  namespace: kube-system
  labels:
    k8s-app: fluentd-logging
spec:
  selector:
    matchLabels:
      name: fluentd-elasticsearch
  template:
    metadata:
      labels:
        name: fluentd-elasticsearch
    spec:
      tolerations:
      # these tolerations are to have the daemonset runnable on control plane nodes
      # remove them if your control plane nodes should not run pods
      - key: node-role.kubernetes.io/control-plane
        operator: Exists
        effect: NoSchedule
      - key: node-role.kubernetes.io/master
        operator: Exists
        effect: NoSchedule
      containers:
      - name: fluentd-elasticsearch
        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2
        resources:
          limits:
            memory: 200Mi
          requests:
            cpu: 100m
            memory: 200Mi
        volumeMounts:
        - name: varlog
          mountPath: /var/log
      # it may be desirable to set a high priority class to ensure that a DaemonSet Pod
      # preempts running Pods
      # priorityClassName: important
      terminationGracePeriodSeconds: 30
      volumes:
      - name: varlog
        hostPath:
          path: /var/log
`,
  },
];

/** The template with this id. */
export function templateById(id: string): ManifestTemplate | undefined {
  return templates.find((t) => t.id === id);
}

/**
 * The editor's text with a manifest added: it replaces an empty (or all-blank) editor, else follows
 * the last document after a `---`. `line` is where the manifest starts (1-based).
 */
export function appendManifest(current: string, manifest: string): { text: string; line: number } {
  const body = manifest.endsWith('\n') ? manifest : `${manifest}\n`;
  if (current.trim() === '') return { text: body, line: 1 };
  const base = current.endsWith('\n') ? current : `${current}\n`;
  const sep = /(^|\n)---[ \t]*\n$/.test(base) ? '' : '---\n';
  const text = `${base}${sep}${body}`;
  return { text, line: base.split('\n').length + (sep ? 1 : 0) };
}

/** The drag payload type of a template (its id). */
export const templateMime = 'application/x-kubeplay-template';
