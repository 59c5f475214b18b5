// Demo data of 队伍、专家与值班 (issue 27), called from main.ts after the other demo seeds. Owner: teams (救援队伍、专家、值班).
import type { Db } from '../db/db.ts';

export async function seedDemoTeams(_db: Db): Promise<void> {}
