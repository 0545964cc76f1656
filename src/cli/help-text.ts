import { modes } from '../settings.js';

export const usageLine = `usage: domain-sync <${modes.join('|')}> [options]`;

export const helpText = `${usageLine}

Keeps the domains of ServerPilot, RunCloud and Closte web apps in sync with domains.yml.

Modes:
  validate   check domains.yml offline (no credentials, no network)
  plan       read the hosts and print what would change
  apply      plan, guard, apply, request certificates and wait for valid TLS
  check      drift check: plan against the hosts (with --ssl, probe certificates too)
  import     print a domains.yml for the hosts' current domains
  doctor     check each host's credentials, app, API version and rate-limit headroom

Options:
  --config PATH             the file to read (default: domains.yml)
  --hosts ID,GLOB           act on these hosts only (ids or globs, comma separated)
  --json                    print the machine-readable result on stdout (logs stay on stderr)
  --force                   lift the removal guards (never a provider's hard limit)
  --no-ssl-wait             apply: do not wait for valid certificates
  --ssl-timeout DURATION    give up waiting for certificates after this long (e.g. 20m)
  --ssl-interval DURATION   first poll interval while waiting (default: 10s)
  --ssl                     check: probe every managed domain's certificate too
  --resolve HOST:PORT:ADDRESS
                            probe HOST:PORT at ADDRESS instead of what DNS says (repeatable)
  --connect-to HOST:PORT:TARGET-HOST:TARGET-PORT
                            probe HOST:PORT through TARGET instead (repeatable)
  --expect-checksum SUM     apply: refuse a plan whose checksum differs
  -h, --help                show this help
  --version                 show the version

Import a host that no file lists yet:
  --provider serverpilot|runcloud|closte  [--app ID]  [--server ID]  [--api-url URL]
                            --app: ServerPilot and RunCloud (else WU_SERVER_PILOT_APP_ID /
                            WU_RUNCLOUD_APP_ID); --server: RunCloud (else WU_RUNCLOUD_SERVER_ID).
                            Closte needs neither: its API key selects the site.

Exit codes:
  0  success: valid, no changes, applied and verified, in sync
  1  error: invalid file, failed host, refused plan, unverified certificate
  2  plan found changes, or check found drift

Credentials come from environment variables (see README). DOMAIN_SYNC_DEBUG=1 shows debug logs.
`;
