/**
 * exceljs, loaded the first time a workbook is written. It takes one to two seconds to load, which
 * as a static import stalled the first request of every route whose module merely imported it
 * (the comparison CSV shares its module with the XLSX).
 */
export async function loadExcel() {
	return (await import('exceljs')).default;
}
