/**
 * The program's start-up as `pulumi up` pays it: node, ts-node with the row's options, every module of
 * index.ts compiled, and the prod stack declared once (under the offline runtime instead of the engine).
 * The row times the whole process; the node flags it is started with are the runtime options compared.
 */
import { evaluateProgram } from "../../offline/evaluate";
import { readStackFile } from "../../offline/stack-file";
import { REPO } from "../rows";
import { fail } from "./measured";

evaluateProgram(readStackFile("prod", REPO), { stack: "prod" }).catch((e) => fail(String(e?.stack ?? e)));
