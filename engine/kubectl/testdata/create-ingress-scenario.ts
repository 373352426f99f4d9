// `kubectl create ingress`, run twice: once by the real kubectl v1.32.4 (record-create-ingress.ts
// writes what it printed to create-ingress.json) and once by Kubeplay's kubectl in
// create-ingress.test.ts, which must print the same. The --dry-run=client lines never reach a
// server; the others go to Kubeplay's apiserver (served over HTTP to the real kubectl), on a cluster
// where the `setup` lines have run through Kubeplay's kubectl. `panic`: upstream's generator dies
// of an index out of range there, and only the panic's first lines (not its goroutine stack, whose
// addresses change from run to run) and the exit code are compared.

/** The steps, in order. */
export const ingressScenario: { line: string; setup?: boolean; panic?: boolean }[] = [
  // upstream's examples (create_ingress.go ingressExample)
  { line: 'create ingress simple --rule=foo.com/bar=svc1:8080,tls=my-cert --dry-run=client -o yaml' },
  { line: 'create ingress catch-all --class=otheringress --rule=/path=svc:port --dry-run=client -o yaml' },
  { line: 'create ingress annotated --class=default --rule=foo.com/bar=svc:port --annotation ingress.annotation1=foo --annotation ingress.annotation2=bla --dry-run=client -o yaml' },
  { line: 'create ingress multipath --class=default --rule=foo.com/=svc:port --rule=foo.com/admin/=svcadmin:portadmin --dry-run=client -o yaml' },
  { line: 'create ingress ingress1 --class=default --rule=foo.com/path*=svc:8080 --rule=bar.com/admin*=svc2:http --dry-run=client -o yaml' },
  { line: 'create ingress ingtls --class=default --rule=foo.com/=svc:https,tls --rule=foo.com/path/subpath*=othersvc:8080 --dry-run=client -o yaml' },
  { line: 'create ingress ingsecret --class=default --rule=foo.com/*=svc:8080,tls=secret1 --dry-run=client -o yaml' },
  { line: 'create ingress ingdefault --class=default --default-backend=defaultsvc:http --rule=foo.com/*=svc:8080,tls=secret1 --dry-run=client -o yaml' },
  // the same objects as JSON: the Go struct's field order
  { line: 'create ingress ingdefault --class=default --default-backend=defaultsvc:http --rule=foo.com/*=svc:8080,tls=secret1 --dry-run=client -o json' },
  { line: 'create ing multipath --rule=foo.com/=svc:port --rule=bar.com/x=b:1 --rule=foo.com/admin/*=svcadmin:portadmin --dry-run=client -o json' },
  // a default backend alone, with a named port; the short name
  { line: 'create ingress def --default-backend=web:http --dry-run=client -o yaml' },
  { line: 'create ing def --default-backend=web:80 --dry-run=client' },
  { line: 'create ingress def --default-backend=web:80 --dry-run=client -o name' },
  // TLS: hosts grouped by secret, each host once, a host-less rule, wildcard hosts, whatever follows the comma
  { line: "create ingress tls --rule=a.com/=s:80,tls=one --rule=b.com/=s:80,tls=two --rule=c.com/=s:80,tls=one --rule=a.com/x=s:80,tls=two --rule=d.com/=s:80,tls --rule='*.e.com/=s:80,tls' --rule=/=s:80,tls=one --rule=f.com/=s:80,junk --rule=g.com/=s:80,tls=x,y --dry-run=client -o yaml" },
  { line: "create ingress tls --rule=a.com/=s:80,tls=one --rule=b.com/=s:80,tls=two --rule=c.com/=s:80,tls=one --rule=d.com/=s:80,tls --rule='*.e.com/=s:80,tls' --rule=/=s:80,tls --dry-run=client -o json" },
  { line: "create ingress wild --rule='*.example.com/*=web:80' --rule='*/x=web:80' --rule='foo_bar-1.com/a/b/c=web_2:p-1' --dry-run=client -o yaml" },
  // ports: numbers, names, zero, negative, leading zeros, past int32, trailing text the regex lets by
  { line: 'create ingress ports --rule=a/0=s:0 --rule=a/1=s:-1 --rule=a/2=s:0080 --rule=a/3=s:2147483647 --rule=a/4=s:2147483648 --rule=a/5=s:-2147483648 --rule=a/6=s:http-alt --rule=a/7=s:80:90 --rule=a/8=s:80x --rule=a/9=s:80%junk --rule=a/x=y:1=z:2 --dry-run=client -o json' },
  { line: 'create ingress blank --default-backend=: --rule=a/=s:1 --dry-run=client -o json' },
  // annotations: sorted, the last of a key wins, values with '=' or none; -n; --save-config
  { line: "create ingress annotated --rule=a/=s:1 --annotation=b=2 --annotation=a=1 --annotation=b=3 --annotation=c=x=y --annotation=d= --annotation='e=<&>' -n team --dry-run=client -o json" },
  { line: "create ingress saved --rule=a/=s:1 --annotation=z=1 --annotation='q=<tag>' --save-config --dry-run=client -o yaml" },
  { line: 'create ingress saved --rule=a/*=s:1,tls=sec --class=c -n team --save-config --dry-run=client -o json' },
  { line: 'create ingress jp --rule=a/b=s:1 --dry-run=client -o jsonpath={.spec.rules[0].http.paths[0].backend.service}' },
  // refusals, in upstream's order: the name, --dry-run, -o, --validate, then rules, annotations, the default backend
  { line: 'create ingress --rule=a/b=c:d --dry-run=client -o yaml' },
  { line: 'create ingress a b --rule=a/b=c:d --dry-run=client' },
  { line: 'create ingress x --dry-run=client -o yaml' },
  { line: 'create ingress x --rule=foo --dry-run=client' },
  { line: "create ingress x --rule='' --dry-run=client" },
  { line: 'create ingress x --rule=foo.com=svc:80 --dry-run=client' },
  { line: 'create ingress x --rule=foo.com/bar=svc --dry-run=client' },
  { line: 'create ingress x --rule=foo.com/bar=svc: --dry-run=client' },
  { line: 'create ingress x --rule=foo.com/bar=:80 --dry-run=client' },
  { line: "create ingress x --rule='foo!.com/bar=svc:80' --dry-run=client" },
  { line: 'create ingress x --rule=foo.com/bar=svc.x:80 --dry-run=client' },
  { line: 'create ingress x --rule=a/b=c:d --rule=bad --annotation=bad --default-backend=bad --dry-run=client' },
  { line: 'create ingress x --rule=a/b=c:d --annotation=ok=1 --annotation=bad --dry-run=client' },
  { line: 'create ingress x --default-backend=web --dry-run=client' },
  { line: 'create ingress x --default-backend=a:b:c --dry-run=client' },
  { line: 'create ingress x --rule=bad --dry-run=bogus' },
  { line: 'create ingress x --rule=bad --dry-run=client -o wide' },
  { line: 'create ingress x --rule=bad --dry-run=client -o jsonpath' },
  { line: 'create ingress x --rule=bad --validate=maybe' },
  { line: 'create ingress x --rules=a/b=c:d --dry-run=client' },
  // rules the regex lets by that upstream's generator then indexes past the end of a split
  { line: 'create ingress x --rule=a/b=c=d:e --dry-run=client -o yaml', panic: true },
  { line: 'create ingress x --rule=a/b,c=d:e --dry-run=client', panic: true },
  // against the apiserver: created, refused as a duplicate, server dry run, another namespace, -o json and yaml of the answer
  { line: 'create namespace team', setup: true },
  { line: 'create ingress site --class=nginx --rule=foo.example.com/*=web:80' },
  { line: 'create ingress site --class=nginx --rule=foo.example.com/*=web:80' },
  { line: 'create ingress other --rule=foo.example.com/*=web:80 --dry-run=server' },
  { line: 'create ingress other --rule=a.com/=web:http,tls=cert --annotation=x=y -n team -o name' },
  { line: 'create ingress other --rule=a.com/=web:http -n nowhere' },
  { line: 'create ingress third --rule=b.com/*=web:80,tls --default-backend=web:http --save-config -o json' },
  { line: 'create ingress fourth --rule=c.com/x=web:80 --field-manager=me --validate=false -o yaml' },
  // what the apiserver's validation refuses, wrapped as the generator wraps it
  { line: "create ingress bad --rule='*/x=web:80'" },
  { line: 'create ingress bad --rule=a.com/x=web:0' },
  { line: "create ingress bad --rule=A.com/x=web_1:80 --annotation='bad key=1'" },
  { line: 'get ingress -A' },
  { line: 'get ingress site -o yaml' },
  { line: 'get ingress other -n team -o json' },
  { line: 'get ingress third -o yaml' },
];
