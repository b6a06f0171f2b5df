/** Norwegian organisation numbers: 9 digits, the last a modulus-11 check digit (weights 3 2 7 6 5 4 3 2). */
const WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];

export function isValidOrganizationNumber(value: string): boolean {
	if (!/^\d{9}$/.test(value)) return false;
	const sum = WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(value[i]), 0);
	const remainder = sum % 11;
	const check = remainder === 0 ? 0 : 11 - remainder;
	return check !== 10 && check === Number(value[8]);
}
