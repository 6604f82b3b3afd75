import type { CommandContext, CommandSpec } from "./command.js";
import type { Stage, StageContext } from "../pipeline/stage.js";

/** What a stage needs of a command's context: its folder, log, `--force` and settings. */
export function stageContext(ctx: CommandContext): StageContext {
  return { cwd: ctx.cwd, log: ctx.log, force: ctx.flags.force, config: () => ctx.config() };
}

/**
 * The command that runs one stage on its own: the stage's options as flags, the study locked while it
 * runs. `help` is what the command line says of it: its summary, the study options it uses, the common
 * flags it ignores.
 */
export function stageCommand(stage: Stage, help: Pick<CommandSpec, "summary" | "uses" | "ignores">): CommandSpec {
  return {
    name: stage.name,
    ...help,
    studyOptions: true,
    locks: "study",
    configure(cmd) {
      for (const o of stage.options) cmd.option(o.flags, o.description);
    },
    run: (ctx, _args, opts) => stage.run(stageContext(ctx), opts),
  };
}
