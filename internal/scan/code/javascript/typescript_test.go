package javascript

import (
	"strings"
	"testing"

	sitter "github.com/tree-sitter/go-tree-sitter"
)

// parsesClean reports whether src parses with the JavaScript grammar
// without error nodes, and returns the first error's text.
func parsesClean(t *testing.T, src []byte) (bool, string) {
	t.Helper()
	p := sitter.NewParser()
	defer p.Close()
	if err := p.SetLanguage(Language().Grammar); err != nil {
		t.Fatal(err)
	}
	tree := p.Parse(src, nil)
	defer tree.Close()
	root := tree.RootNode()
	if !root.HasError() {
		return true, ""
	}
	var find func(n *sitter.Node) string
	find = func(n *sitter.Node) string {
		if n.IsError() || n.IsMissing() {
			return string(src[n.StartByte():n.EndByte()]) + " at line " + string(rune('0'+n.StartPosition().Row+1))
		}
		for i := uint(0); i < n.ChildCount(); i++ {
			if c := n.Child(i); c.HasError() {
				return find(c)
			}
		}
		return "?"
	}
	return false, find(root)
}

func TestStripTypes(t *testing.T) {
	tests := []struct{ name, ts, want string }{
		{"param and return", "function f(a: string, b?: number): void { }", "function f(a        , b         )       { }"},
		{"arrow", "const f = (x: Map<string, number[]>): Promise<void> => x;", "const f = (x                       )                => x;"},
		{"variable", "let x: Array<{ a: string }> = [];", "let x                       = [];"},
		{"as and non-null", "const y = (a as any)!.b satisfies T;", "const y = (a       ) .b            ;"},
		{"interface", "export interface A { b: string }\nx();", "                                \nx();"},
		{"type alias", "type U = 'a' | 'b';\nx();", "                   \nx();"},
		{"generic call", "const s = useState<string>('');", "const s = useState        ('');"},
		{"import type", "import type { A } from './a';\nimport { b as c } from 'b';", "                             \nimport { b as c } from 'b';"},
		{"class", "class A<T> extends B<T> implements C, D {\n  private readonly x: number = 1;\n  y?: string;\n  constructor(private z: Z) { super(); }\n  m<U>(u: U): U { return u; }\n}",
			"class A    extends B    " + strings.Repeat(" ", 16) + "{\n                   x         = 1;\n  y         ;\n  constructor(        z   ) { super(); }\n  m   (u   )    { return u; }\n}"},
		{"comparison kept", "if (a < b && c > d) { x = a ? b : c; }", "if (a < b && c > d) { x = a ? b : c; }"},
		{"object literal kept", "const o = { a: 1, b: f(x) };", "const o = { a: 1, b: f(x) };"},
		{"negation kept", "if (!ok) return !x;", "if (!ok) return !x;"},
		{"overloads", "function f(a: string): string;\nfunction f(a: any) { return a; }", "                              \nfunction f(a     ) { return a; }"},
		{"abstract method", "abstract class A {\n  protected abstract m(x: T): void;\n}", "         class A {\n                                   \n}"},
		{"parameter decorator", "class A { constructor(@Inject(T) private readonly t: string) {} }", "class A { constructor(                            t        ) {} }"},
		{"generic arrow", "const f = <T,>(x: T): T => x;", "const f =     (x   )    => x;"},
		{"enum", "enum Color { Red = 1, Green, }", "var  Color={ Red : 1, Green, }"},
		{"const enum", "export const enum E {\n A = 'a',\n}", "export       var  E={\n A : 'a',\n}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(StripTypes([]byte(tt.ts)))
			if got != tt.want {
				t.Errorf("StripTypes(%q)\n got %q\nwant %q", tt.ts, got, tt.want)
			}
			if len(got) != len(tt.ts) {
				t.Errorf("length changed")
			}
		})
	}
}

func TestStripTypesParses(t *testing.T) {
	src := `import { exec } from 'child_process';
import type { Request, Response } from 'express';
interface User { id: number; name: string }
type Handler = (req: Request, res: Response) => Promise<void>;
declare const VERSION: string;
export abstract class Svc<T extends object> implements Base {
  private token: string = Math.random().toString(36);
  static readonly max: number = 3;
  protected items!: Map<string, T[]>;
  [key: string]: unknown;
  constructor(private readonly el: HTMLElement, public name?: string) {
    super();
  }
  async render(u: User, ...rest: Array<string>): Promise<void> {
    this.el.innerHTML = ` + "`<b>${u.name}</b>`" + `;
  }
  run(dir: string): Promise<void> {
    exec(` + "`ls ${dir}`" + `);
    const x = eval(dir as string);
    return Promise.resolve(x!);
  }
  get size(): number { return this.items.size; }
}
export const handler: Handler = async (req: Request, res: Response): Promise<void> => {
  const { id }: { id: string } = req.params as any;
  res.send(id);
};
export function f<T>(a: T, cb: (x: T) => void = () => {}): a is T { return eval(a as any); }
enum Color { Red = 1, Green }
try { f(1); } catch (e: unknown) { console.log(e); }
const m = new Map<string, number>();
`
	out := StripTypes([]byte(src))
	if ok, where := parsesClean(t, out); !ok {
		t.Errorf("stripped source has a syntax error near %q:\n%s", where, out)
	}
}

func TestStripTypesParsesAngularAndExpress(t *testing.T) {
	src := `import { Injectable } from '@angular/core';
import type { Observable } from 'rxjs';
import * as express from 'express';
export type Id = string | number;
export interface Repo<T> { get(id: Id): Promise<T | undefined>; }
declare global {
  interface Window { app: unknown }
}
@Injectable({ providedIn: 'root' })
export class UserService implements Repo<User> {
  private readonly cache = new Map<Id, User>();
  public static instance?: UserService;
  protected abstract log(msg: string): void;
  public constructor(private http: HttpClient, @Inject(TOKEN) private readonly token: string) {}
  async get(id: Id): Promise<User | undefined> {
    const u = this.cache.get(id)!;
    return u ?? (await this.http.get<User>('/api').toPromise()) as unknown as User;
  }
  isAdmin(u: User): u is Admin { return (u as Admin).role === 'admin'; }
  keys<K extends keyof User>(k: K): Array<User[K]> { return [] as Array<User[K]>; }
  get size(): number { return this.cache.size; }
}
export const handler = async (req: express.Request, res: express.Response): Promise<void> => {
  const opts: { limit?: number; sort: 'asc' | 'desc' } = { sort: 'asc' };
  const fn = <T,>(x: T): T => x;
  res.send(fn(req.params.id as string));
};
function overload(a: string): string;
function overload(a: any): any { return a; }
let tuple: [string, number] = ['a', 1];
const x = obj?.a!.b;
export default UserService;
`
	if ok, where := parsesClean(t, StripTypes([]byte(src))); !ok {
		t.Errorf("syntax error near %q:\n%s", where, StripTypes([]byte(src)))
	}
}

func FuzzStripTypes(f *testing.F) {
	f.Add("function f(a: string): void {}")
	f.Add("class A<T> { private x?: T; }")
	f.Add("let x = a < b ? c : d as any;")
	f.Fuzz(func(t *testing.T, src string) {
		out := StripTypes([]byte(src))
		if len(out) != len(src) {
			t.Fatalf("length changed: %d -> %d", len(src), len(out))
		}
		for i := range src {
			if (src[i] == '\n') != (out[i] == '\n') {
				t.Fatalf("line break moved at %d", i)
			}
		}
	})
}
